// Required into every Node process of an offline test build: no connection may leave the host.
const net = require("net");
const dns = require("dns");
const local = new Set(["127.0.0.1", "::1", "localhost"]);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" ? args[0] : { port: args[0], host: args[1] };
  if (options && options.host && !local.has(options.host)) {
    throw new Error(`offline test build: connection to ${options.host} refused`);
  }
  return connect.apply(this, args);
};
dns.lookup = (host, ...rest) => {
  const callback = rest[rest.length - 1];
  callback(new Error(`offline test build: name lookup of ${host} refused`));
};
