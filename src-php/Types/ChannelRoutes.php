<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use PhpParser\Node;
use PhpParser\Node\Expr;
use PhpParser\Node\Stmt\Return_;
use PhpParser\NodeFinder;
use PHPStan\PhpDocParser\Ast\AbstractNodeVisitor;
use PHPStan\PhpDocParser\Ast\Node as PhpDocNode;
use PHPStan\PhpDocParser\Ast\NodeTraverser as PhpDocTraverser;
use PHPStan\PhpDocParser\Ast\Type\ArrayShapeItemNode;
use PHPStan\PhpDocParser\Ast\Type\IdentifierTypeNode;
use PHPStan\PhpDocParser\Ast\Type\ObjectShapeItemNode;
use PHPStan\PhpDocParser\Ast\Type\TypeNode;
use ReflectionClass;
use ReflectionMethod;

/**
 * Reads routes/channels.php statically: each `Broadcast::channel('pattern', callback)`, whether it is a
 * presence channel (the callback returns member info) or a private one (it returns a boolean), and the
 * member shape when the callback returns an array literal or a typed value. The file is never executed.
 */
final class ChannelRoutes
{
    /** @var list<string> */
    public array $warnings = [];

    public function __construct(
        private readonly TypeMapper $types,
        private readonly ExpressionTypes $expressions,
        private readonly string $userModel,
    ) {
    }

    /** @return list<ChannelRoute> */
    public function read(string $file, string $displayName = 'routes/channels.php'): array
    {
        $source = is_file($file) ? PhpSource::ofFile($file) : null;
        if ($source === null) {
            $this->warnings[] = is_file($file) ? "{$displayName} could not be parsed." : "{$displayName} does not exist: no private or presence channels.";

            return [];
        }
        $routes = [];
        $calls = (new NodeFinder())->find($source->statements, fn (Node $node) => $node instanceof Expr\StaticCall
            && $node->class instanceof Node\Name && $node->class->getLast() === 'Broadcast'
            && $node->name instanceof Node\Identifier && $node->name->toLowerString() === 'channel');
        foreach ($calls as $call) {
            /** @var Expr\StaticCall $call */
            $pattern = $call->getArgs()[0]->value ?? null;
            if (! $pattern instanceof Node\Scalar\String_) {
                $this->warnings[] = "{$displayName} line {$call->getStartLine()}: the channel pattern is not a string literal, so it is left out.";

                continue;
            }
            $callback = $call->getArgs()[1] ?? null;
            // A PHPDoc written before the callback belongs to the argument node.
            $routes[] = $this->route($pattern->value, $callback?->value, $callback?->getDocComment()?->getText(), $source);
        }

        return $routes;
    }

    private function route(string $pattern, ?Expr $callback, ?string $argumentDoc, PhpSource $source): ChannelRoute
    {
        if ($callback instanceof Expr\Closure || $callback instanceof Expr\ArrowFunction) {
            return $this->fromClosure($pattern, $callback, $callback->getDocComment()?->getText() ?? $argumentDoc, $source);
        }
        if ($callback instanceof Expr\ClassConstFetch && $callback->class instanceof Node\Name && class_exists($callback->class->toString())) {
            return $this->fromChannelClass($pattern, new ReflectionClass($callback->class->toString()));
        }

        return new ChannelRoute($pattern, 'private', kindKnown: false);
    }

    private function fromClosure(string $pattern, Expr\Closure|Expr\ArrowFunction $closure, ?string $docComment, PhpSource $source): ChannelRoute
    {
        $scope = [];
        foreach ($closure->params as $index => $param) {
            if (! $param->var instanceof Expr\Variable || ! is_string($param->var->name)) {
                continue;
            }
            $declared = $param->type instanceof Node\Name ? $param->type->toString() : null;
            // The first argument is the authenticated user, the others the pattern's parameters.
            $class = $declared ?? ($index === 0 ? $this->userModel : null);
            $scope[$param->var->name] = $class !== null ? $this->types->fromClassName($class) : PhpType::unknown();
        }
        $doc = DocBlock::of($docComment)->returnType();
        if ($doc !== null) {
            $this->qualifyNames($doc, $source);

            return $this->fromReturnType($pattern, $this->types->fromDoc($doc, new ReflectionClass(\stdClass::class))->ts);
        }
        if ($closure->returnType instanceof Node\Identifier && $closure->returnType->toLowerString() === 'bool') {
            return new ChannelRoute($pattern, 'private');
        }
        $returns = $closure instanceof Expr\ArrowFunction
            ? [$closure->expr]
            : array_map(fn (Return_ $r) => $r->expr, (new NodeFinder())->findInstanceOf($closure->stmts, Return_::class));

        $route = $this->fromReturnType($pattern, TsType::union(...array_map(fn (?Expr $e) => $this->expressions->infer($e, $scope)->ts, $returns)));

        // `function (...): array` returns member info even when what it returns cannot be read.
        return $route->kind === 'private' && $this->declaresArray($closure->returnType) ? new ChannelRoute($pattern, 'presence') : $route;
    }

    /** Class names in a PHPDoc of routes/channels.php resolved against its `use` imports (it has no class). */
    private function qualifyNames(TypeNode $type, PhpSource $source): void
    {
        $visitor = new class ($source) extends AbstractNodeVisitor {
            public function __construct(private readonly PhpSource $source)
            {
            }

            /** @var array<int, true> shape keys, which are identifiers too */
            private array $keys = [];

            public function enterNode(PhpDocNode $node): ?PhpDocNode
            {
                if (($node instanceof ArrayShapeItemNode || $node instanceof ObjectShapeItemNode) && is_object($node->keyName)) {
                    $this->keys[spl_object_id($node->keyName)] = true;
                }
                if ($node instanceof IdentifierTypeNode && ! isset($this->keys[spl_object_id($node)])
                    && ! str_starts_with($node->name, '\\') && ! PhpDocTypes::isBuiltin($node->name)) {
                    $node->name = '\\' . $this->source->resolve($node->name, '');
                }

                return null;
            }
        };
        (new PhpDocTraverser([$visitor]))->traverse([$type]);
    }

    private function declaresArray(?Node $type): bool
    {
        return match (true) {
            $type instanceof Node\Identifier => $type->toLowerString() === 'array',
            $type instanceof Node\NullableType => $this->declaresArray($type->type),
            $type instanceof Node\UnionType => array_filter($type->types, fn (Node $t) => $this->declaresArray($t)) !== [],
            default => false,
        };
    }

    /** @param  ReflectionClass<object>  $class  a channel class (`Broadcast::channel('orders.{order}', OrderChannel::class)`) */
    private function fromChannelClass(string $pattern, ReflectionClass $class): ChannelRoute
    {
        if (! $class->hasMethod('join')) {
            return new ChannelRoute($pattern, 'private', kindKnown: false);
        }
        $declared = $this->types->ofMethodReturn(new ReflectionMethod($class->getName(), 'join'))->ts;
        if (! $declared->isUnknown() && $declared->render() !== TsType::anyArray()->render()) {
            return $this->fromReturnType($pattern, $declared);
        }
        $method = PhpSource::method($class, 'join');
        $scope = ['this' => $this->types->fromClassName($class->getName())];
        foreach ($method->params ?? [] as $index => $param) {
            if ($param->var instanceof Expr\Variable && is_string($param->var->name)) {
                $type = $param->type instanceof Node\Name ? $param->type->toString() : ($index === 0 ? $this->userModel : null);
                $scope[$param->var->name] = $type !== null ? $this->types->fromClassName($type) : PhpType::unknown();
            }
        }
        $returns = (new NodeFinder())->findInstanceOf($method->stmts ?? [], Return_::class);

        return $this->fromReturnType($pattern, TsType::union(...array_map(fn (Return_ $r) => $this->expressions->infer($r->expr, $scope)->ts, $returns)));
    }

    /** Booleans say private; anything else (an array, an object) is presence member info. */
    private function fromReturnType(string $pattern, TsType $returned): ChannelRoute
    {
        // `return [...]` on success and `return false` / `null` otherwise: the member is the rest.
        $member = $returned->without(['boolean', 'true', 'false', 'null']);
        if ($member->render() === 'never') {
            return new ChannelRoute($pattern, 'private');
        }
        if ($member->isUnknown()) {
            return new ChannelRoute($pattern, 'private', kindKnown: false);
        }
        $vague = in_array($member->render(), [TsType::anyArray()->render(), TsType::record(TsType::unknown())->render()], true);

        return new ChannelRoute($pattern, 'presence', $vague ? null : $member);
    }
}
