<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use Illuminate\Contracts\Broadcasting\ShouldBroadcast;
use Illuminate\Notifications\Notification;
use ReflectionClass;
use Symfony\Component\Finder\Finder;

/**
 * The classes in the app's autoloaded paths (the PSR-4 roots of its composer.json "autoload"), found the way
 * Laravel's event discovery finds listeners: by file, loaded through the autoloader, then reflected.
 */
final class AppClasses
{
    /** @var list<string> */
    public array $warnings = [];

    /** @var list<ReflectionClass<object>>|null */
    private ?array $classes = null;

    public function __construct(private readonly string $basePath)
    {
    }

    /** @return list<ReflectionClass<object>> concrete ShouldBroadcast / ShouldBroadcastNow classes, by name */
    public function broadcastEvents(): array
    {
        return array_values(array_filter($this->all(), fn (ReflectionClass $c) => $c->implementsInterface(ShouldBroadcast::class)));
    }

    /** @return list<ReflectionClass<object>> notifications with a toBroadcast() method, by name */
    public function broadcastNotifications(): array
    {
        return array_values(array_filter($this->all(), fn (ReflectionClass $c) => $c->isSubclassOf(Notification::class) && $c->hasMethod('toBroadcast')));
    }

    /** @return list<ReflectionClass<object>> */
    private function all(): array
    {
        if ($this->classes !== null) {
            return $this->classes;
        }
        $this->classes = [];
        foreach ($this->roots() as $namespace => $directory) {
            if (! is_dir($directory)) {
                continue;
            }
            $files = iterator_to_array((new Finder())->files()->in($directory)->name('*.php')->sortByName(), false);
            foreach ($files as $file) {
                $relative = substr($file->getPathname(), strlen(rtrim($directory, '/')) + 1, -4);
                $class = $namespace . str_replace('/', '\\', $relative);

                try {
                    if (class_exists($class)) {
                        $reflection = new ReflectionClass($class);
                        if ($reflection->isInstantiable()) {
                            $this->classes[] = $reflection;
                        }
                    }
                } catch (\Throwable $e) {
                    // Relative paths only: the generated file must not depend on where the app is checked out.
                    $message = str_replace($this->basePath . '/', '', $e->getMessage());
                    $this->warnings[] = "{$class} could not be loaded: {$message}";
                }
            }
        }
        usort($this->classes, fn (ReflectionClass $a, ReflectionClass $b) => strcmp($a->getName(), $b->getName()));

        return $this->classes;
    }

    /** @return array<string, string> PSR-4 namespace prefix => directory */
    private function roots(): array
    {
        $composer = json_decode((string) @file_get_contents($this->basePath . '/composer.json'), true);
        $roots = [];
        foreach ((array) ($composer['autoload']['psr-4'] ?? ['App\\' => 'app/']) as $namespace => $directories) {
            foreach ((array) $directories as $directory) {
                $roots[$namespace] = $this->basePath . '/' . trim((string) $directory, '/');
            }
        }

        return $roots;
    }
}
