<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

use Illuminate\Database\Eloquent\Collection;
use Illuminate\Database\Eloquent\Model;

/**
 * @property int $id
 * @property string $name
 * @property Size $size
 * @property string $password
 * @property \DateTimeInterface|null $born_at
 * @property-read Collection<int, Author> $friends
 * @property-read string $display_name
 */
final class Author extends Model
{
    protected $hidden = ['password'];

    protected $casts = ['score' => 'float'];

    /** @return array{id: int, nickname: string} */
    public function presence(): array
    {
        return ['id' => 1, 'nickname' => 'x'];
    }
}
