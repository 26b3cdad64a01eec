<?php

declare(strict_types=1);

namespace App\Support;

/** A class that does not load: the generator says so and goes on. */
class Broken extends \App\Missing\Base
{
}
