// A page component of the test app: Laravel broadcasts reach it through @pogo/echo/react's typed useEchoPublic
// (Laravel's own hook underneath, configured by the configureEcho() call the installer wrote in app.tsx).
import { useEchoPublic } from '@pogo/echo/react';
import { useEffect, useState } from 'react';

// The channel map, as `php artisan pogo:ws-types` writes it for an app: the hook checks the name, the event and the payload.
declare module '@pogo/echo' {
    interface PogoChannels {
        'kit.feed': { type: 'public'; events: { '.e2e.message': { text: string } } };
    }
}

export function Feed() {
    const [messages, setMessages] = useState<string[]>([]);
    const [state, setState] = useState('subscribing');
    const { channel } = useEchoPublic('kit.feed', '.e2e.message', (event) => setMessages((list) => [...list, event.text]));

    useEffect(() => {
        channel()?.subscribed(() => setState('subscribed'));
    }, [channel]);

    return (
        <main>
            <p id="state">{state}</p>
            <ul id="messages">
                {messages.map((text, index) => (
                    <li key={`${index}-${text}`}>{text}</li>
                ))}
            </ul>
        </main>
    );
}
