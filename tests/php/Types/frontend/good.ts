// Uses every generated channel the way an app would: must type-check with `tsc --strict`. Each line
// marked with ts-expect-error must fail (tsc reports an unused directive otherwise).
import { createEcho } from '@pogo/echo';

const echo = createEcho({ env: { VITE_POGO_APP_KEY: 'key', VITE_POGO_HOST: 'localhost' } });
const id = Number('7');

echo.private(`orders.${id}`).listen('OrderShipped', (e) => {
  const tracking: string = e.trackingNumber;
  const eta: number | null = e.eta;
  const status: 'pending' | 'shipped' | 'delivered' = e.status;
  const priority: 1 | 2 | 3 = e.priority;
  const shippedAt: string = e.shippedAt;
  const street: string = e.address.street;
  const city: string | null = e.address.city;
  const items: string[] = e.items;
  const carrier: string = e.parcel.carrier;
  const weight: number | undefined = e.parcel.weight;
  const orderId: number = e.order.id;
  const orderStatus: typeof status = e.order.status;
  const customer: string | undefined = e.order.customer?.email;
  const created: string = e.order.created_at;
  // @ts-expect-error hidden attribute
  void e.order.secret;
  // @ts-expect-error the private property of Address is not in the JSON
  void e.address.internalCode;
  // @ts-expect-error Laravel pulls `socket` out of the payload
  void e.socket;
  return [tracking, eta, priority, shippedAt, street, city, items, carrier, weight, orderId, orderStatus, customer, created];
});
echo.private('orders.1').listen('.App\\Domain\\Orders\\OrderCancelled', (e) => e.reason.toUpperCase() + e.orderId.toFixed());

echo.join(`chat.${id}`)
  .here((members) => members.map((m) => m.name.toUpperCase() + m.id.toFixed()))
  .listen('.message.posted', (e) => e.author.name + e.body + e.sentAt + (e.tags ?? []).join())
  .listenForWhisper('typing', (e) => e.name.toUpperCase())
  .whisper('typing', { name: 'me' });
echo.join('lobby').joining((member) => member.email.toUpperCase() + member.id.toFixed());
echo.join('team.3').leaving((member) => member.nickname.toUpperCase());
echo.join('stage.3').joining((member) => member['anything']);

echo.private('invoices.9').listen('InvoicePaid', (e) => {
  const total: string = e.total;
  const paid: boolean = e.paid;
  const label: string = e.label;
  const invoiceId: number = e.invoiceData.id;
  const column: unknown = e.invoiceData.any_column;
  return [total, paid, label, invoiceId, column, e.status === 'delivered'];
});
echo.private('App.Models.User.1').notification((n) => {
  if (n.type === 'welcome') return n.message.toUpperCase() + String(n.firstLogin);
  return n.amount + n.invoice_id.toFixed() + n.id;
});

echo.channel('system').listen('SystemNotice', (e) => e.message.toUpperCase() + e.level.toFixed());
echo.channel('warehouse.12').listen('StockChanged', (e) => Object.values(e.levels).map((n) => n.toFixed()));
echo.encryptedPrivate('vault.1').listen('SecretShared', (e) => e.secret.toUpperCase());
