<?php

declare(strict_types=1);

// PSR-12 plus the parts of Laravel's own style (Pint's "laravel" preset) that PHP-CS-Fixer names the same way.
// Pint itself needs PHP 8.3; this machine and CI run 8.2.

$finder = PhpCsFixer\Finder::create()
    ->in([__DIR__ . '/src-php', __DIR__ . '/config', __DIR__ . '/tests/php', __DIR__ . '/stubs'])
    ->name('*.php')
    ->notPath('fixtures/laravel-app');

return (new PhpCsFixer\Config())
    ->setRiskyAllowed(true)
    ->setRules([
        '@PSR12' => true,
        'array_syntax' => ['syntax' => 'short'],
        'binary_operator_spaces' => true,
        'blank_line_before_statement' => ['statements' => ['return', 'throw', 'try']],
        'concat_space' => ['spacing' => 'one'],
        'declare_strict_types' => true,
        'method_argument_space' => ['on_multiline' => 'ensure_fully_multiline'],
        'no_unused_imports' => true,
        'ordered_imports' => ['sort_algorithm' => 'alpha'],
        'single_quote' => true,
        'trailing_comma_in_multiline' => ['elements' => ['arrays', 'arguments', 'parameters']],
        'no_extra_blank_lines' => true,
        'no_whitespace_in_blank_line' => true,
    ])
    ->setFinder($finder);
