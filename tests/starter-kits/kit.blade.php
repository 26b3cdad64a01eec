<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        @vite(file_exists(resource_path('js/app.tsx')) ? 'resources/js/app.tsx' : 'resources/js/app.ts')
    </head>
    <body>
        <div id="app"></div>
    </body>
</html>
