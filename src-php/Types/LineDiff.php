<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

/**
 * A unified-style line diff (`-` old, `+` new, a few lines of context) for `pogo:ws-types --check`:
 * the generated files are small, so a plain longest-common-subsequence table is enough.
 */
final class LineDiff
{
    public static function render(string $old, string $new, int $context = 2): string
    {
        $a = explode("\n", rtrim($old, "\n"));
        $b = explode("\n", rtrim($new, "\n"));
        $n = count($a);
        $m = count($b);
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
        $lcs = array_fill(0, $n + 1, array_fill(0, $m + 1, 0));
        for ($i = $n - 1; $i >= 0; $i--) {
            for ($j = $m - 1; $j >= 0; $j--) {
                $lcs[$i][$j] = $a[$i] === $b[$j] ? $lcs[$i + 1][$j + 1] + 1 : max($lcs[$i + 1][$j], $lcs[$i][$j + 1]);
            }
        }
        $ops = [];
        for ($i = 0, $j = 0; $i < $n || $j < $m;) {
            if ($i < $n && $j < $m && $a[$i] === $b[$j]) {
                $ops[] = [' ', $a[$i], $i + 1];
                $i++;
                $j++;
            } elseif ($i < $n && ($j === $m || $lcs[$i + 1][$j] >= $lcs[$i][$j + 1])) {
                $ops[] = ['-', $a[$i], $i + 1];
                $i++;
            } else {
                $ops[] = ['+', $b[$j++], $i + 1];
            }
        }

        $changed = array_keys(array_filter($ops, fn (array $op) => $op[0] !== ' '));
        $out = [];
        $last = -1;
        foreach ($changed as $index) {
            $from = max($index - $context, $last + 1);
            if ($last >= 0 && $from > $last + 1) {
                $out[] = '...';
            }
            if ($last < 0 || $from > $last + 1) {
                $out[] = "@@ line {$ops[$index][2]} @@";
            }
            for ($k = $from; $k <= min($index + $context, count($ops) - 1); $k++) {
                if ($k > $last) {
                    $out[] = $ops[$k][0] . ' ' . $ops[$k][1];
                    $last = $k;
                }
            }
        }

        return implode("\n", $out);
    }
}
