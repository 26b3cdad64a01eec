
// Channels of the end-to-end test application (appended to its routes/channels.php).
Broadcast::channel('e2e.private.{id}', fn ($user, $id) => (int) $user->id === (int) $id);
Broadcast::channel('e2e.room', fn ($user) => ['id' => $user->id, 'name' => $user->name]);
Broadcast::channel('e2e.secret.{id}', fn ($user, $id) => (int) $user->id === (int) $id);
