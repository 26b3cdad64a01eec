<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use Illuminate\Notifications\Messages\BroadcastMessage;
use PhpParser\Node;
use PhpParser\Node\Expr;
use PhpParser\Node\Stmt\Return_;
use PhpParser\NodeFinder;
use ReflectionClass;
use ReflectionMethod;

/**
 * A notification with toBroadcast() as Echo's `notification()` callback receives it: its data (a `@return
 * array{...}` shape, or the array literal returned or given to `new BroadcastMessage([...])`) plus the `id`
 * and `type` Laravel adds, `type` being broadcastType() or the class name. The payloads of all notifications
 * form one union, told apart by `type`.
 */
final class BroadcastNotifications
{
    /** @var list<string> */
    public array $warnings = [];

    public function __construct(private readonly TypeMapper $types, private readonly ExpressionTypes $expressions)
    {
    }

    /** @param  ReflectionClass<object>  $class */
    public function read(ReflectionClass $class): TsType
    {
        $type = $class->hasMethod('broadcastType') ? BroadcastEvents::returnedString($class, 'broadcastType') : $class->getName();
        if ($type === null) {
            $this->warnings[] = "{$class->getName()}: broadcastType() does not return a string literal; its type is string.";
        }
        $data = $this->data($class);
        $properties = ['id' => TsType::string(), 'type' => $type === null ? TsType::string() : TsType::literal($type)];
        foreach ($data->properties() ?? [] as $name => $property) {
            if ($name !== 'id' && $name !== 'type') {
                $properties[$name] = $property;
            }
        }

        return TsType::object($properties, open: $data->properties() === null);
    }

    /** @param  ReflectionClass<object>  $class */
    private function data(ReflectionClass $class): TsType
    {
        $method = $class->hasMethod('toBroadcast') ? 'toBroadcast' : 'toArray';
        if (! $class->hasMethod($method)) {
            return TsType::record(TsType::unknown());
        }
        // A declared array shape; a BroadcastMessage return type says nothing of its data.
        $declared = $this->types->ofMethodReturn(new ReflectionMethod($class->getName(), $method));
        if ($declared->class === null && $declared->ts->properties() !== null) {
            return $declared->ts;
        }
        $node = PhpSource::method($class, $method);
        $scope = ['this' => $this->types->fromClassName($class->getName())];
        foreach ($node->params ?? [] as $param) {
            if ($param->var instanceof Expr\Variable && is_string($param->var->name)) {
                $scope[$param->var->name] = $param->type instanceof Node\Name ? $this->types->fromClassName($param->type->toString()) : PhpType::unknown();
            }
        }
        $arrays = [];
        foreach ((new NodeFinder())->findInstanceOf($node->stmts ?? [], Return_::class) as $return) {
            $expr = $return->expr;
            if ($expr instanceof Expr\New_ && $expr->class instanceof Node\Name && is_a($expr->class->toString(), BroadcastMessage::class, true)) {
                $expr = $expr->getArgs()[0]->value ?? null;
            }
            if (! $expr instanceof Expr\Array_) {
                $this->warnings[] = "{$class->getName()}: {$method}() has no @return array{...} shape and does not return an array literal; its data is not typed.";

                return TsType::record(TsType::unknown());
            }
            $arrays[] = $this->expressions->arrayLiteral($expr, $scope);
        }

        return $arrays === [] ? TsType::record(TsType::unknown()) : TsType::union(...$arrays);
    }
}
