<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use PhpParser\Node;
use PhpParser\Node\Stmt\ClassLike;
use PhpParser\Node\Stmt\ClassMethod;
use PhpParser\NodeFinder;
use PhpParser\NodeTraverser;
use PhpParser\NodeVisitor\NameResolver;
use PhpParser\ParserFactory;
use ReflectionClass;

/**
 * A PHP file read statically with nikic/php-parser (names resolved to fully qualified ones): the method
 * bodies pogo:ws-types reads, and the `use` imports that PHPDoc names are resolved against. Nothing in it runs.
 */
final class PhpSource
{
    /** @var array<string, self|null> */
    private static array $cache = [];

    /**
     * @param  array<Node>  $statements
     * @param  array<string, array<string, string>>  $imports  namespace => lower-case alias => class
     */
    private function __construct(public readonly array $statements, private readonly array $imports)
    {
    }

    public static function ofFile(string $path): ?self
    {
        $code = @file_get_contents($path);
        if ($code === false) {
            return null;
        }
        // Keyed by content: a file edited between two runs in one process is read afresh.
        $key = md5($code);

        return self::$cache[$key] ??= self::parse($code);
    }

    public static function parse(string $code): ?self
    {
        try {
            $statements = (new ParserFactory())->createForHostVersion()->parse($code) ?? [];
        } catch (\PhpParser\Error) {
            return null;
        }
        $imports = self::collectImports($statements);
        $traverser = new NodeTraverser(new NameResolver(null, ['replaceNodes' => true]));

        return new self($traverser->traverse($statements), $imports);
    }

    /** @param  ReflectionClass<object>  $class */
    public static function ofClass(ReflectionClass $class): ?self
    {
        $file = $class->getFileName();

        return $file === false ? null : self::ofFile($file);
    }

    /**
     * The method as declared in `$class`'s own file (or the nearest parent that declares it).
     *
     * @param  ReflectionClass<object>  $class
     */
    public static function method(ReflectionClass $class, string $name): ?ClassMethod
    {
        if (! $class->hasMethod($name)) {
            return null;
        }
        $declaring = $class->getMethod($name)->getDeclaringClass();
        $source = self::ofClass($declaring);
        $classNode = $source?->classNode($declaring->getName());

        return $classNode?->getMethod($name);
    }

    public function classNode(string $name): ?ClassLike
    {
        $name = ltrim($name, '\\');
        $found = (new NodeFinder())->findFirst($this->statements, fn (Node $node) => $node instanceof ClassLike
            && $node->namespacedName !== null && strcasecmp($node->namespacedName->toString(), $name) === 0);

        return $found instanceof ClassLike ? $found : null;
    }

    /** Resolves a class name written in a PHPDoc of a class declared in this file, as PHP resolves `use` imports. */
    public function resolve(string $name, string $contextClass): string
    {
        if (str_starts_with($name, '\\')) {
            return ltrim($name, '\\');
        }
        $namespace = ($pos = strrpos($contextClass, '\\')) === false ? '' : substr($contextClass, 0, $pos);
        $parts = explode('\\', $name, 2);
        $alias = $this->imports[strtolower($namespace)][strtolower($parts[0])] ?? null;
        if ($alias !== null) {
            return $alias . (isset($parts[1]) ? '\\' . $parts[1] : '');
        }

        return ltrim($namespace . '\\' . $name, '\\');
    }

    /**
     * @param  array<Node>  $statements
     * @return array<string, array<string, string>>
     */
    private static function collectImports(array $statements): array
    {
        $imports = [];
        $scopes = [['', $statements]];
        foreach ($statements as $statement) {
            if ($statement instanceof Node\Stmt\Namespace_) {
                $scopes[] = [$statement->name?->toString() ?? '', $statement->stmts];
            }
        }
        foreach ($scopes as [$namespace, $body]) {
            foreach ($body as $statement) {
                if ($statement instanceof Node\Stmt\Use_ && $statement->type === Node\Stmt\Use_::TYPE_NORMAL) {
                    foreach ($statement->uses as $use) {
                        $imports[strtolower($namespace)][strtolower($use->getAlias()->toString())] = $use->name->toString();
                    }
                } elseif ($statement instanceof Node\Stmt\GroupUse) {
                    foreach ($statement->uses as $use) {
                        $imports[strtolower($namespace)][strtolower($use->getAlias()->toString())] = $statement->prefix->toString() . '\\' . $use->name->toString();
                    }
                }
            }
        }

        return $imports;
    }
}
