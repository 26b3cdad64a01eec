// A page component of the test app: Laravel broadcasts reach it through @pogo/echo/vue's typed useEchoPublic
// (Laravel's own composable underneath, configured by the configureEcho() call the installer wrote in app.ts).
import { useEchoPublic } from '@pogo/echo/vue';
import { defineComponent, h, onMounted, ref } from 'vue';

// The channel map, as `php artisan pogo:ws-types` writes it for an app: the hook checks the name, the event and the payload.
declare module '@pogo/echo' {
    interface PogoChannels {
        'kit.feed': { type: 'public'; events: { '.e2e.message': { text: string } } };
    }
}

export const Feed = defineComponent({
    setup() {
        const messages = ref<string[]>([]);
        const state = ref('subscribing');
        const { channel } = useEchoPublic('kit.feed', '.e2e.message', (event) => {
            messages.value = [...messages.value, event.text];
        });
        onMounted(() => channel()?.subscribed(() => {
            state.value = 'subscribed';
        }));

        return () => h('main', [h('p', { id: 'state' }, state.value), h('ul', { id: 'messages' }, messages.value.map((text) => h('li', text)))]);
    },
});
