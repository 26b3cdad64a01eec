<?php

declare(strict_types=1);

namespace App\Data;

final class Address
{
    public function __construct(public string $street, public ?string $city, private string $internalCode = '')
    {
    }
}
