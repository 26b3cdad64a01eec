// Every line marked "wrong" must fail to type-check: the test compares the lines tsc reports with the marked ones.
import { createEcho } from '@pogo/echo';

const echo = createEcho({ env: { VITE_POGO_APP_KEY: 'key', VITE_POGO_HOST: 'localhost' } });

echo.private('orders.1').listen('OrderShipped', (e) => e.trackingNo); // wrong: payload field
echo.private('order.1'); // wrong: channel
echo.channel('orders.1'); // wrong: orders.{orderId} is private
echo.private('orders.1').listen('OrderShiped', () => {}); // wrong: event name
echo.private('orders.1').listen('OrderShipped', (e) => e.status === 'lost'); // wrong: not an OrderStatus value
echo.private('orders.1').listen('OrderShipped', (e) => e.eta.toFixed()); // wrong: eta may be null
echo.join('chat.1').whisper('typing', { nam: 'me' }); // wrong: whisper payload
echo.join('lobby').joining((member) => member.name); // wrong: lobby members have id and email only
echo.private('App.Models.User.1').notification((n) => n.type === 'welcome' && n.amount); // wrong: not in Welcome
echo.channel('system').listen('SystemNotice', (e) => e.level === 4); // wrong: Priority is 1 | 2 | 3
echo.private('vault.1'); // wrong: vault.{userId} is encrypted
