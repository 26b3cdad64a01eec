<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

/**
 * pogo:ws-doctor's check that every node on the server's Redis runs the same release: the server's
 * /up lists nodes whose bus messages it drops because they speak another format (a rolling
 * deploy left one behind, or one was forgotten), so deliveries and presence between them are incomplete.
 */
final class ReleaseCheck
{
    /**
     * @param array<mixed> $cluster /up's `cluster` object
     *
     * Returns what was found, or fails with the fix.
     */
    public function check(array $cluster): string
    {
        $foreign = array_values(array_filter(
            is_array($cluster['foreignNodes'] ?? null) ? $cluster['foreignNodes'] : [],
            fn ($node) => is_array($node) && is_string($node['node'] ?? null),
        ));
        if ($foreign === []) {
            return 'no node of another release on this Redis';
        }
        $named = array_map(fn (array $node) => "{$node['node']} (bus format " . (int) ($node['version'] ?? 1) . ')', array_slice($foreign, 0, 3));
        $more = count($foreign) > 3 ? ' and ' . (count($foreign) - 3) . ' more' : '';

        [$noun, $verb] = count($foreign) === 1 ? ['node', 'runs'] : ['nodes', 'run'];

        throw new DoctorFailure(
            "{$noun} " . implode(', ', $named) . "{$more} {$verb} another release: the server drops bus messages from another release, so deliveries and presence across the cluster are incomplete",
            'deploy one release to every node, then `php artisan pogo:ws-restart` (restart a node still on another release through its supervisor)',
        );
    }
}
