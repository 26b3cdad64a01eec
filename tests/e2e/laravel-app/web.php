<?php

// Routes of the end-to-end test application (appended to its routes/web.php, hence no `use` lines).

\Illuminate\Support\Facades\Event::listen(\Pogo\WebSocket\Webhooks\Events\PogoWebhook::class, function ($event) {
    file_put_contents(storage_path('e2e-webhooks.jsonl'), json_encode([
        'class' => class_basename($event),
        'name' => $event->name,
        'channel' => $event->channel,
        'payload' => $event->payload,
    ]) . "\n", FILE_APPEND | LOCK_EX);
});

\Illuminate\Support\Facades\Route::get('/e2e/login/{id}', function (int $id) {
    $user = \App\Models\User::firstOrCreate(['email' => "user{$id}@e2e.test"], ['name' => "User {$id}", 'password' => 'not-used']);
    \Illuminate\Support\Facades\Auth::login($user);

    return ['id' => $user->id, 'csrf' => csrf_token()];
});

\Illuminate\Support\Facades\Route::post('/e2e/broadcast', function (\Illuminate\Http\Request $request) {
    $pending = broadcast(new \App\Events\E2eMessage($request->input('kind'), $request->input('channel'), $request->input('text')));
    if ($request->boolean('others')) {
        $pending->toOthers();
    }

    return ['sent' => true];
})->withoutMiddleware(\Illuminate\Foundation\Http\Middleware\VerifyCsrfToken::class);
