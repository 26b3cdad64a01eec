<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use Illuminate\Broadcasting\Channel;
use Illuminate\Broadcasting\EncryptedPrivateChannel;
use Illuminate\Broadcasting\PresenceChannel;
use Illuminate\Broadcasting\PrivateChannel;
use PhpParser\Node;
use PhpParser\Node\Expr;
use PhpParser\Node\Scalar;
use PhpParser\Node\Stmt\Return_;
use PhpParser\NodeFinder;
use Pogo\WebSocket\Attributes\BroadcastsOn;
use ReflectionClass;
use ReflectionMethod;

/**
 * Reads a ShouldBroadcast class without running it: the event name (a literal `broadcastAs()`, else the class
 * name as Echo expects it), the payload (`broadcastWith()`'s `@return` shape or returned array literal, else
 * the public properties) and the channels (`new PrivateChannel('orders.'.$this->order->id)` in broadcastOn(),
 * else `#[BroadcastsOn]`).
 */
final class BroadcastEvents
{
    /** Echo's default namespace: events in it are listened to by their short name. */
    private const ECHO_NAMESPACE = 'App\\Events\\';

    /** Properties Laravel leaves out of the payload (`socket` is pulled out by the broadcaster). */
    private const NOT_IN_PAYLOAD = ['socket', 'broadcastQueue'];

    /** @var list<string> */
    public array $warnings = [];

    public function __construct(private readonly TypeMapper $types, private readonly ExpressionTypes $expressions)
    {
    }

    /** @param  ReflectionClass<object>  $class */
    public function read(ReflectionClass $class): ?BroadcastEvent
    {
        $name = $this->eventName($class);
        if ($name === null) {
            $this->warnings[] = "{$class->getName()}: broadcastAs() does not return a string literal, so the event is left out.";

            return null;
        }
        $channels = $this->channels($class);
        if ($channels === []) {
            $this->warnings[] = "{$class->getName()}: its channels cannot be read from broadcastOn(); declare them with #[\\Pogo\\WebSocket\\Attributes\\BroadcastsOn('pattern')].";

            return null;
        }

        return new BroadcastEvent($class->getName(), $name, $this->payload($class), $channels);
    }

    /** @param  ReflectionClass<object>  $class */
    private function eventName(ReflectionClass $class): ?string
    {
        if (! $class->hasMethod('broadcastAs')) {
            $name = $class->getName();

            return str_starts_with($name, self::ECHO_NAMESPACE)
                ? str_replace('\\', '.', substr($name, strlen(self::ECHO_NAMESPACE)))
                : '.' . $name;
        }
        $literal = self::returnedString($class, 'broadcastAs');

        return $literal === null ? null : '.' . $literal;
    }

    /**
     * The string literal (or string constant) a method always returns, if it does.
     *
     * @param  ReflectionClass<object>  $class
     */
    public static function returnedString(ReflectionClass $class, string $method): ?string
    {
        $returns = (new NodeFinder())->findInstanceOf(PhpSource::method($class, $method)->stmts ?? [], Return_::class);
        $values = array_values(array_unique(array_map(fn (Return_ $return) => self::stringValue($return->expr, $class), $returns)));

        return count($values) === 1 ? $values[0] : null;
    }

    /** @param  ReflectionClass<object>  $class */
    private static function stringValue(?Expr $expr, ReflectionClass $class): ?string
    {
        if ($expr instanceof Scalar\String_) {
            return $expr->value;
        }
        if ($expr instanceof Expr\ClassConstFetch && $expr->class instanceof Node\Name && $expr->name instanceof Node\Identifier) {
            $owner = in_array($expr->class->toLowerString(), ['self', 'static'], true) ? $class->getName() : $expr->class->toString();
            $constant = "{$owner}::{$expr->name->toString()}";

            return defined($constant) && is_string(constant($constant)) ? constant($constant) : null;
        }

        return null;
    }

    /** @param  ReflectionClass<object>  $class */
    private function payload(ReflectionClass $class): TsType
    {
        $scope = ['this' => $this->types->fromClassName($class->getName())];
        if ($class->hasMethod('broadcastWith')) {
            $declared = $this->types->ofMethodReturn(new ReflectionMethod($class->getName(), 'broadcastWith'))->ts;
            if ($declared->properties() !== null) {
                return $declared;
            }
            $returns = (new NodeFinder())->findInstanceOf(PhpSource::method($class, 'broadcastWith')->stmts ?? [], Return_::class);
            $arrays = [];
            foreach ($returns as $return) {
                if ($return->expr instanceof Expr\Array_) {
                    $arrays[] = $this->expressions->arrayLiteral($return->expr, $scope);
                }
            }
            if ($arrays !== [] && count($arrays) === count($returns)) {
                return TsType::union(...$arrays);
            }
            $this->warnings[] = "{$class->getName()}: broadcastWith() has no @return array{...} shape and does not return an array literal; its payload is Record<string, unknown>.";

            return TsType::record(TsType::unknown());
        }

        return $this->types->publicProperties($class, self::NOT_IN_PAYLOAD);
    }

    /**
     * @param  ReflectionClass<object>  $class
     * @return list<array{type: string|null, pattern: string}>
     */
    private function channels(ReflectionClass $class): array
    {
        $declared = array_map(fn ($attribute) => $attribute->newInstance(), $class->getAttributes(BroadcastsOn::class));
        if ($declared !== []) {
            return array_map(fn (BroadcastsOn $on) => ['type' => $on->type, 'pattern' => $on->pattern], $declared);
        }
        $body = PhpSource::method($class, 'broadcastOn')->stmts ?? [];
        $channels = [];
        foreach ((new NodeFinder())->find($body, fn (Node $n) => $n instanceof Expr\New_ || $n instanceof Return_) as $node) {
            if ($node instanceof Expr\New_ && $node->class instanceof Node\Name) {
                $type = $this->channelType($node->class->toString());
                $name = $type === null ? null : $this->template($node->getArgs()[0]->value ?? null);
                if ($name !== null) {
                    $channels[$node->getStartFilePos()] = $this->typed($type, $name);
                }
            } elseif ($node instanceof Return_) {
                // Channel names given as plain strings: `return ['news']`.
                $items = $node->expr instanceof Expr\Array_ ? array_map(fn ($i) => $i->value, $node->expr->items) : [$node->expr];
                foreach ($items as $item) {
                    if ($item instanceof Scalar\String_ || $item instanceof Expr\BinaryOp\Concat || $item instanceof Scalar\InterpolatedString) {
                        $channels[$item->getStartFilePos()] = $this->typed('public', (string) $this->template($item));
                    }
                }
            }
        }
        ksort($channels); // in the order they are written

        return array_values(array_unique($channels, SORT_REGULAR));
    }

    private function channelType(string $class): ?string
    {
        return match (true) {
            is_a($class, EncryptedPrivateChannel::class, true) => 'encrypted',
            is_a($class, PresenceChannel::class, true) => 'presence',
            is_a($class, PrivateChannel::class, true) => 'private',
            is_a($class, Channel::class, true) => 'public',
            default => null,
        };
    }

    /**
     * A name written with a `private-`/`presence-` prefix is that kind of channel.
     *
     * @return array{type: string, pattern: string}
     */
    private function typed(string $type, string $name): array
    {
        foreach (['private-encrypted-' => 'encrypted', 'presence-' => 'presence', 'private-' => 'private'] as $prefix => $prefixed) {
            if (str_starts_with($name, $prefix)) {
                return ['type' => $prefixed, 'pattern' => substr($name, strlen($prefix))];
            }
        }

        return ['type' => $type, 'pattern' => $name];
    }

    /** `'orders.'.$this->order->id` → `orders.{id}`: literal parts kept, each expression one `{parameter}`. */
    private function template(?Expr $expr): ?string
    {
        return match (true) {
            $expr instanceof Scalar\String_ => $expr->value,
            $expr instanceof Expr\BinaryOp\Concat => ($left = $this->template($expr->left)) === null || ($right = $this->template($expr->right)) === null ? null : $left . $right,
            $expr instanceof Scalar\InterpolatedString => implode('', array_map(
                fn ($part) => $part instanceof Node\InterpolatedStringPart ? $part->value : '{' . $this->parameterName($part) . '}',
                $expr->parts,
            )),
            $expr instanceof Expr\Variable, $expr instanceof Expr\PropertyFetch, $expr instanceof Expr\NullsafePropertyFetch,
            $expr instanceof Expr\MethodCall, $expr instanceof Expr\FuncCall, $expr instanceof Expr\StaticCall,
            $expr instanceof Expr\Cast, $expr instanceof Expr\ArrayDimFetch => '{' . $this->parameterName($expr) . '}',
            default => null,
        };
    }

    private function parameterName(Node $expr): string
    {
        $name = match (true) {
            $expr instanceof Expr\Cast => $this->parameterName($expr->expr),
            $expr instanceof Expr\Variable && is_string($expr->name) => $expr->name,
            ($expr instanceof Expr\PropertyFetch || $expr instanceof Expr\NullsafePropertyFetch || $expr instanceof Expr\MethodCall) && $expr->name instanceof Node\Identifier => $expr->name->toString(),
            default => 'param',
        };

        $name = lcfirst((string) preg_replace('/^get(?=[A-Z])/', '', $name));

        return $name === 'key' ? 'id' : $name;
    }
}
