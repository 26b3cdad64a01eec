import { useEcho as useEcho$1, useEchoPresence as useEchoPresence$1, useEchoPublic as useEchoPublic$1 } from '@laravel/echo-react';

// src/react.ts
var hooks = {
  useEcho: useEcho$1,
  useEchoPresence: useEchoPresence$1,
  useEchoPublic: useEchoPublic$1
};
function echoHooks() {
  return hooks;
}
var useEcho = hooks.useEcho;
var useEchoPresence = hooks.useEchoPresence;
var useEchoPublic = hooks.useEchoPublic;

export { echoHooks, useEcho, useEchoPresence, useEchoPublic };
