<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use function Laravel\Prompts\select;

use Pogo\WebSocket\Support\EnvFile;

use Pogo\WebSocket\Support\ReverbEnvMove;

/**
 * pogo:ws-install in an app set up for Reverb: keep its REVERB_* names (pogo:ws-start serves them)
 * or move them to WS_* / VITE_POGO_*, never leaving two sets of keys.
 */
trait InstallsOverReverb
{
    /** "keep" or "move" when the app is set up for Reverb, else null. */
    private function reverbChoice(): ?string
    {
        $env = EnvFile::load($this->laravel->basePath('.env'));
        if (! $env->filled('REVERB_APP_KEY') && $env->get('BROADCAST_CONNECTION') !== 'reverb') {
            return null;
        }
        $choice = $this->option('reverb') ?? select(
            'This app is set up for Reverb. Keep its REVERB_* names, or move to Pogo\'s?',
            [
                'keep' => 'Keep: REVERB_*, VITE_REVERB_* and Echo\'s reverb broadcaster stay; pogo:ws-start serves them',
                'move' => 'Move: the same credentials as WS_* and VITE_POGO_*, Echo through @pogo/echo; the Reverb keys are removed',
            ],
            default: 'keep',
        );
        if (! in_array($choice, ['keep', 'move'], true)) {
            throw new \InvalidArgumentException("--reverb must be keep or move, not \"{$choice}\".");
        }

        return $choice;
    }

    private function keepReverb(): void
    {
        $this->components->twoColumnDetail('.env', 'unchanged (REVERB_* kept: no second set of keys)');
        $this->components->twoColumnDetail('resources/js/echo', 'unchanged (Echo\'s reverb broadcaster works as it is)');
        $this->components->info('pogo:ws-start serves the reverb connection, where `reverb:start` listened. Run `php artisan pogo:ws-install --reverb=move` later to switch to WS_* and @pogo/echo.');
    }

    private function moveFromReverb(): void
    {
        $left = ReverbEnvMove::move($this->laravel->basePath('.env'), $this->laravel->basePath('.env.example'));
        $this->components->twoColumnDetail('REVERB_* → WS_*', '<fg=green>moved</>');
        if ($left !== []) {
            $this->components->warn('Not moved (no WS_* of the same name; see "Coming from Reverb" in the README): ' . implode(', ', $left) . '.');
        }
    }
}
