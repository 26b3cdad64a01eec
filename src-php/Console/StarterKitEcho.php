<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

/**
 * Echo in an app built on Laravel's React or Vue starter kit: those configure Echo with `configureEcho()`
 * from @laravel/echo-react / @laravel/echo-vue in resources/js/app.tsx / app.ts (what `install:broadcasting`
 * writes there), not with a window.Echo script. This points that call at Pogo through @pogo/echo's echoConfig().
 */
final class StarterKitEcho
{
    /** The entry scripts each package is configured from, in the order install:broadcasting looks for them. */
    private const ENTRIES = [
        '@laravel/echo-react' => ['app.tsx', 'app.jsx'],
        '@laravel/echo-vue' => ['app.ts', 'app.js'],
    ];

    /**
     * The echo package the app's package.json depends on and its entry script (relative to resources/js),
     * or null when the app uses neither (then the installer writes resources/js/echo.*).
     *
     * @return array{package: string, entry: string|null}|null
     */
    public static function detect(string $packageJson, string $jsDirectory): ?array
    {
        $manifest = is_file($packageJson) ? json_decode((string) file_get_contents($packageJson), true) : null;
        if (! is_array($manifest)) {
            return null;
        }
        $dependencies = array_merge((array) ($manifest['dependencies'] ?? []), (array) ($manifest['devDependencies'] ?? []));
        foreach (self::ENTRIES as $package => $entries) {
            if (array_key_exists($package, $dependencies)) {
                $found = array_values(array_filter($entries, fn (string $entry) => is_file("{$jsDirectory}/{$entry}")));

                return ['package' => $package, 'entry' => $found[0] ?? null];
            }
        }

        return null;
    }

    /**
     * The entry script with `configureEcho(echoConfig({ env: import.meta.env }))` and its two imports:
     * 'present' when it is already there (nothing changes), 'added' when the call was written after the last
     * import, 'replaced' when a plain `configureEcho({ broadcaster: '...' })` was swapped for it, 'custom'
     * when a configureEcho() call with options of the app's own is there (left alone: the caller says how).
     *
     * @return array{source: string, result: 'present'|'added'|'replaced'|'custom'}
     */
    public static function configure(string $source, string $package, string $call): array
    {
        if (preg_match('/configureEcho\(\s*echoConfig\(/', $source) === 1) {
            return ['source' => $source, 'result' => 'present'];
        }
        if (preg_match('/configureEcho\(\s*\{\s*broadcaster:\s*([\'"])\w+\1\s*,?\s*\}\s*\);?/', $source, $match, PREG_OFFSET_CAPTURE) === 1) {
            [$text, $offset] = $match[0];
            $source = substr_replace($source, $call, $offset, strlen($text));
            $result = 'replaced';
        } elseif (preg_match('/\bconfigureEcho\(/', $source) === 1) {
            return ['source' => $source, 'result' => 'custom'];
        } else {
            $source = self::afterImports($source, "\n{$call}\n");
            $result = 'added';
        }

        $quoted = preg_quote($package, '/');
        if (preg_match("/import\\s*\\{[^}]*\\bconfigureEcho\\b[^}]*\\}\\s*from\\s*['\"]{$quoted}['\"]/", $source) !== 1) {
            $source = self::afterImports($source, "import { configureEcho } from '{$package}';\n", blankLine: false);
        }
        if (preg_match("/import\\s*\\{[^}]*\\bechoConfig\\b[^}]*\\}\\s*from\\s*['\"]@pogo\\/echo['\"]/", $source) !== 1) {
            $source = self::afterImports($source, "import { echoConfig } from '@pogo/echo';\n", blankLine: false);
        }

        return ['source' => $source, 'result' => $result];
    }

    /** Inserts $code after the last top-level import statement (multi-line ones included), or at the top. */
    private static function afterImports(string $source, string $code, bool $blankLine = true): string
    {
        preg_match_all('/^import\s[^;]*;[ \t]*\n?/m', $source, $imports, PREG_OFFSET_CAPTURE);
        $last = end($imports[0]);
        if ($last === false) {
            return ltrim($code) . ($blankLine ? "\n" : '') . $source;
        }
        $end = $last[1] + strlen($last[0]);
        $before = substr($source, 0, $end);
        if (! str_ends_with($before, "\n")) {
            $before .= "\n";
        }

        return $before . $code . substr($source, $end);
    }
}
