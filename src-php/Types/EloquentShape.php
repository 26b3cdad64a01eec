<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use Illuminate\Database\Eloquent\Model;
use PhpParser\Node\Expr\Array_;
use PhpParser\Node\Expr\ClassConstFetch;
use PhpParser\Node\Scalar\String_;
use PhpParser\Node\Stmt\Return_;
use PhpParser\NodeFinder;
use ReflectionClass;

/**
 * An Eloquent model's toArray() shape, from what the model says without being instantiated: its `@property`
 * docblocks, its casts (`$casts` and a literal `casts()` array), its key and timestamps, minus `$hidden`.
 * Without `@property` tags the shape stays open (`[key: string]: unknown`): its columns are not known.
 */
final class EloquentShape
{
    public function __construct(private readonly TypeMapper $types)
    {
    }

    /** @param  ReflectionClass<Model>  $model */
    public function shape(ReflectionClass $model): TsType
    {
        $documented = $this->documented($model);
        $names = array_keys($documented);
        if ($documented === []) {
            $names = array_keys($this->implicit($model));
        }
        $names = array_values(array_unique([...$names, ...array_keys($this->casts($model))]));

        $defaults = $model->getDefaultProperties();
        $visible = (array) ($defaults['visible'] ?? []);
        $hidden = (array) ($defaults['hidden'] ?? []);
        $properties = [];
        foreach ($names as $name) {
            if (($visible !== [] && ! in_array($name, $visible, true)) || in_array($name, $hidden, true)) {
                continue;
            }
            $relation = $documented[$name]['relation'] ?? false;
            // A relation is in toArray() only once it is loaded.
            $properties[$name] = ['type' => $this->attribute($model, $name)->ts, 'optional' => $relation];
        }

        return TsType::object($properties, open: $documented === []);
    }

    /**
     * The type of `$model->{$name}` as PHP code sees it (a date attribute is a Carbon here, a string in JSON).
     *
     * @param  ReflectionClass<Model>  $model
     */
    public function attribute(ReflectionClass $model, string $name): PhpType
    {
        $documented = $this->documented($model);
        if (isset($documented[$name])) {
            return $documented[$name]['type'];
        }
        $cast = $this->casts($model)[$name] ?? null;
        if ($cast !== null) {
            return $this->fromCast($cast);
        }

        return $this->implicit($model)[$name] ?? PhpType::unknown();
    }

    /**
     * @param  ReflectionClass<Model>  $model
     * @return array<string, array{type: PhpType, relation: bool}>
     */
    private function documented(ReflectionClass $model): array
    {
        $properties = [];
        for ($class = $model; $class !== false && $class->getName() !== Model::class; $class = $class->getParentClass()) {
            foreach (DocBlock::of($class->getDocComment())->properties() as $name => $tag) {
                if (isset($properties[$name])) {
                    continue;
                }
                $type = $this->types->fromDoc($tag['type'], $class);
                $relation = $tag['readOnly'] && $this->isRelation($tag['type']->__toString(), $type, $class);
                $properties[$name] = ['type' => $type, 'relation' => $relation];
            }
        }

        return $properties;
    }

    /** @param  ReflectionClass<object>  $context */
    private function isRelation(string $doc, PhpType $type, ReflectionClass $context): bool
    {
        if ($type->class !== null && is_a($type->class, Model::class, true)) {
            return true;
        }

        return preg_match('/Collection\s*</i', $doc) === 1 || ($type->class !== null && is_a($type->class, \Illuminate\Database\Eloquent\Collection::class, true));
    }

    /**
     * The key and timestamps every model has unless it says otherwise.
     *
     * @param  ReflectionClass<Model>  $model
     * @return array<string, PhpType>
     */
    private function implicit(ReflectionClass $model): array
    {
        $defaults = $model->getDefaultProperties();
        $attributes = [];
        $key = (string) ($defaults['primaryKey'] ?? 'id');
        $attributes[$key] = new PhpType(in_array($defaults['keyType'] ?? 'int', ['int', 'integer'], true) ? TsType::number() : TsType::string());
        if ($defaults['timestamps'] ?? true) {
            foreach ([$model->getConstant('CREATED_AT'), $model->getConstant('UPDATED_AT')] as $column) {
                if (is_string($column)) {
                    $attributes[$column] = new PhpType(TsType::nullable(TsType::string()), \Illuminate\Support\Carbon::class);
                }
            }
        }

        return $attributes;
    }

    /**
     * `$casts` merged with a `casts()` method that returns a literal array (read statically, never called).
     *
     * @param  ReflectionClass<Model>  $model
     * @return array<string, string>
     */
    public function casts(ReflectionClass $model): array
    {
        $casts = array_filter((array) ($model->getDefaultProperties()['casts'] ?? []), 'is_string');
        $method = PhpSource::method($model, 'casts');
        if ($method === null || $method->stmts === null) {
            return $casts;
        }
        $return = (new NodeFinder())->findFirstInstanceOf($method->stmts, Return_::class);
        if ($return instanceof Return_ && $return->expr instanceof Array_) {
            foreach ($return->expr->items as $item) {
                if ($item->key instanceof String_) {
                    $value = match (true) {
                        $item->value instanceof String_ => $item->value->value,
                        $item->value instanceof ClassConstFetch && $item->value->class instanceof \PhpParser\Node\Name => $item->value->class->toString(),
                        default => null,
                    };
                    if ($value !== null) {
                        $casts[$item->key->value] = $value;
                    }
                }
            }
        }

        return $casts;
    }

    private function fromCast(string $cast): PhpType
    {
        $lower = strtolower($cast);
        $base = str_starts_with($lower, 'encrypted:') ? $lower : explode(':', $lower, 2)[0];

        return match ($base) {
            'int', 'integer', 'real', 'float', 'double', 'timestamp' => new PhpType(TsType::number()),
            'decimal', 'string', 'hashed', 'encrypted' => new PhpType(TsType::string()),
            'bool', 'boolean' => new PhpType(TsType::boolean()),
            'object' => new PhpType(TsType::record(TsType::unknown())),
            'array', 'json', 'encrypted:array', 'encrypted:json' => new PhpType(TsType::anyArray()),
            'collection', 'encrypted:collection' => new PhpType(TsType::arrayOf(TsType::unknown())),
            'date', 'datetime', 'immutable_date', 'immutable_datetime', 'custom_datetime' => new PhpType(TsType::string(), \Illuminate\Support\Carbon::class),
            default => enum_exists($cast) ? $this->types->fromClassName($cast) : PhpType::unknown(),
        };
    }
}
