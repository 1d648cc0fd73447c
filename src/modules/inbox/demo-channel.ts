// The sender of a demo stand-in channel: recorded as sent, nothing leaves the server.
export const isDemoChannel = (channel: { settings: Record<string, unknown> }) =>
  channel.settings.demo === true;
export const demoSend = async (message: { id: string }) => ({ externalId: `demo:${message.id}` });
