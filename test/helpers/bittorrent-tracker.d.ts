// Types for the part of the untyped bittorrent-tracker package the tests use.
declare module 'bittorrent-tracker/server' {
  import type { EventEmitter } from 'node:events';
  import type { Server as HttpServer } from 'node:http';
  import type { Socket } from 'node:dgram';

  interface ServerOptions {
    http?: boolean;
    udp?: boolean;
    ws?: boolean;
    stats?: boolean;
    interval?: number;
  }
  export default class Server extends EventEmitter {
    constructor(options?: ServerOptions);
    readonly http: HttpServer;
    readonly udp4: Socket;
    listen(ports: { http: number; udp: number }, hosts: { http: string; udp: string; udp6: string }, ready: () => void): void;
    close(done?: () => void): void;
  }
}
