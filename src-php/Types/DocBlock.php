<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use PHPStan\PhpDocParser\Ast\PhpDoc\PhpDocNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\PropertyTagValueNode;
use PHPStan\PhpDocParser\Ast\Type\TypeNode;
use PHPStan\PhpDocParser\Lexer\Lexer;
use PHPStan\PhpDocParser\Parser\ConstExprParser;
use PHPStan\PhpDocParser\Parser\PhpDocParser;
use PHPStan\PhpDocParser\Parser\TokenIterator;
use PHPStan\PhpDocParser\Parser\TypeParser;
use PHPStan\PhpDocParser\ParserConfig;

/** The PHPDoc tags pogo:ws-types reads (`@return`, `@var`, `@property`), parsed by phpstan/phpdoc-parser. */
final class DocBlock
{
    private static ?Lexer $lexer = null;

    private static ?PhpDocParser $parser = null;

    private function __construct(private readonly ?PhpDocNode $node)
    {
    }

    public static function of(string|false|null $comment): self
    {
        if (! is_string($comment) || trim($comment) === '') {
            return new self(null);
        }
        $config = new ParserConfig([]);
        $constants = new ConstExprParser($config);
        $lexer = self::$lexer ??= new Lexer($config);
        $parser = self::$parser ??= new PhpDocParser($config, new TypeParser($config, $constants), $constants);

        try {
            return new self($parser->parse(new TokenIterator($lexer->tokenize($comment))));
        } catch (\Throwable) {
            return new self(null);
        }
    }

    public function returnType(): ?TypeNode
    {
        $tags = $this->node?->getReturnTagValues() ?? [];

        return $tags === [] ? null : $tags[0]->type;
    }

    /** `@var T` (or `@var T $name`) of a property. */
    public function varType(): ?TypeNode
    {
        $tags = $this->node?->getVarTagValues() ?? [];

        return $tags === [] ? null : $tags[0]->type;
    }

    /** `@param T $name` of a method or closure. */
    public function paramType(string $name): ?TypeNode
    {
        foreach ($this->node?->getParamTagValues() ?? [] as $tag) {
            if ($tag->parameterName === '$' . $name) {
                return $tag->type;
            }
        }

        return null;
    }

    /**
     * A class's `@property` and `@property-read` tags (`@property-write` attributes are never read back).
     *
     * @return array<string, array{type: TypeNode, readOnly: bool}>
     */
    public function properties(): array
    {
        $properties = [];
        // In declaration order: it is the order of the generated shape.
        foreach ($this->node?->getTags() ?? [] as $tag) {
            if ($tag->value instanceof PropertyTagValueNode && in_array($tag->name, ['@property', '@property-read'], true)) {
                $properties[ltrim($tag->value->propertyName, '$')] = ['type' => $tag->value->type, 'readOnly' => $tag->name === '@property-read'];
            }
        }

        return $properties;
    }
}
