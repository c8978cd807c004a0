// @ts-nocheck: ajv generated the code below; the table at the end is typed.
// Generated from config-schema/ by scripts/schema-validators.ts: every schema, filling in its defaults.
// Do not edit. Run: node --import=tsx scripts/schema-validators.ts --write
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { schemaFormats as formats } from '../ajv-settings.ts';

// The code requires two small helpers of ajv (string length, deep equality), not its compiler.
const require = createRequire(import.meta.url);
export const btrc: ValidateFunction = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:btrc","title":"swarmhook configuration (.btrc)","description":"Settings of the swarmhook BitTorrent client and the plugins it loads. Every key is optional; the defaults are safe for a desktop machine.","type":"object","additionalProperties":false,"properties":{"$schema":{"description":"Path or URL of this schema, so that editors complete and check the file, e.g. ./node_modules/swarmhook/config-schema/btrc.schema.json","type":"string"},"plugins":{"description":"Plugins to load, Babel-style. Built-ins (logger, peer-ban, tracker-failover, ip-filter) are on by default: list one to give it options, or as [name, false] to switch it off. Other entries are paths (relative to this file) or package names, in the order they are applied.","type":"array","items":{"$ref":"#/$defs/pluginEntry"}},"listen":{"description":"Where to accept incoming peer connections.","type":"object","default":{},"additionalProperties":false,"properties":{"ports":{"description":"Ports to try, in order, until one opens: a port, a range \"6881-6889\", or a list of both. 0 lets the system choose.","default":"6881-6889","$ref":"#/$defs/portSpec"},"tcp4":{"description":"Listen on IPv4.","type":"boolean","default":true},"tcp6":{"description":"Listen on IPv6.","type":"boolean","default":true},"host4":{"description":"IPv4 address to bind.","type":"string","format":"ipv4","default":"0.0.0.0"},"host6":{"description":"IPv6 address to bind.","type":"string","format":"ipv6","default":"::"}}},"peerIdPrefix":{"description":"Start of our 20-byte peer id (Azureus style, e.g. \"-SH0100-\"); the rest is random.","$ref":"#/$defs/peerIdPrefix","default":"-SH0100-"},"downloadDir":{"description":"Folder that downloads are saved in; a relative path is relative to this file's folder.","type":"string","minLength":1,"default":"."},"limits":{"description":"Connection and upload slot limits.","type":"object","default":{},"additionalProperties":false,"properties":{"maxConnections":{"description":"Peer connections in all, over all torrents.","type":"integer","minimum":1,"default":200},"maxConnectionsPerTorrent":{"description":"Peer connections per torrent.","type":"integer","minimum":1,"default":50},"maxUploadSlots":{"description":"Peers unchoked at once per torrent (regular slots, besides the optimistic one). 8, as libtorrent's unchoke_slots_limit: with fewer, downloaders in a swarm wait for a slot.","type":"integer","minimum":0,"default":8},"maxConnectionsPerIp":{"description":"Peer connections from or to one IP address, over all torrents (libtorrent allows 1; several clients behind one NAT share an address).","type":"integer","minimum":1,"default":8},"maxHalfOpen":{"description":"Connections that have not finished the BitTorrent handshake: dials in progress plus accepted sockets waiting for the peer's handshake. When accepted sockets fill it, the oldest waiting one is closed, so accepting never stalls.","type":"integer","minimum":1,"default":50},"maxQueuedRequestsPerPeer":{"description":"A peer's requests we hold before serving them (libtorrent's max_allowed_in_request_queue); requests beyond it are rejected (BEP 6) or dropped, and a peer that keeps sending them is disconnected.","type":"integer","minimum":1,"default":2000},"maxSendBufferPerPeer":{"description":"Bytes queued on one peer's socket before we stop reading blocks from disk for it until it drains (libtorrent's send_buffer_watermark).","type":"integer","minimum":16384,"default":1048576},"maxSendBufferTotal":{"description":"Bytes queued on all peers' sockets together before no more blocks are read from disk for anyone.","type":"integer","minimum":16384,"default":67108864},"maxOpenFiles":{"description":"Files open at once over all torrents (one budget, as libtorrent's file_pool_size): the least recently used idle one is closed for another; a torrent's files close after its check.","type":"integer","minimum":1,"default":64},"maxEmptyMessagesPerSecond":{"description":"Keep-alives and messages without a payload (choke, unchoke, interested, not interested, have all, have none) one peer may send per second, averaged over 10 seconds; a peer over it is disconnected. Real clients send a few a minute.","type":"integer","minimum":1,"default":20},"maxDialNotes":{"description":"Peer addresses remembered for how to dial them next time (uTP answered but the connection died before the BitTorrent handshake, so TCP goes first; the peer hung up on a plain handshake, so MSE goes first), at most; the oldest is forgotten first.","type":"integer","minimum":1,"default":10000},"maxPeerCandidates":{"description":"Peer addresses one torrent remembers to dial (from trackers, PEX, the DHT, LSD, --peer), at most; more are ignored (libtorrent's max_peerlist_size, 3000). A dialled peer whose connection ends is dialled again later, sooner after it sent data, later the more it failed (Transmission's schedule: 10 s, 2 min, 15 min... up to 2 h).","type":"integer","minimum":1,"default":3000},"maxTorrentFileBytes":{"description":"Largest .torrent file fetched from an http(s) URL (addTorrent, `bt download URL`, the RPC's torrent-add), in bytes; a larger reply is refused with TORRENT_URL_FAILED (libtorrent's load_torrent_limits allow 10 MB).","type":"integer","minimum":1024,"default":10000000}}},"rates":{"description":"Rate limits in bytes per second; 0 is unlimited. Every byte to and from peers counts (protocol messages too, not only blocks). A torrent's bytes count against both the client's limit and its own; client.setRateLimits and torrent.setRateLimits change them at run time.","type":"object","default":{},"additionalProperties":false,"properties":{"maxDownloadRate":{"description":"Download from peers, over all torrents.","type":"integer","minimum":0,"default":0},"maxUploadRate":{"description":"Upload to peers, over all torrents.","type":"integer","minimum":0,"default":0},"maxDownloadRatePerTorrent":{"description":"Download from peers, for each torrent.","type":"integer","minimum":0,"default":0},"maxUploadRatePerTorrent":{"description":"Upload to peers, for each torrent.","type":"integer","minimum":0,"default":0}}},"timeouts":{"description":"Time limits in milliseconds.","type":"object","default":{},"additionalProperties":false,"properties":{"connectMs":{"description":"To open a TCP connection to a peer.","type":"integer","minimum":1,"default":10000},"handshakeMs":{"description":"For the peer's handshake after connecting.","type":"integer","minimum":1,"default":10000},"inactivityMs":{"description":"A peer that sends nothing (not even keep-alives) for this long is dropped.","type":"integer","minimum":1,"default":120000},"idleMs":{"description":"A peer that neither interests us nor is interested in us, and has exchanged no block, for this long is dropped (libtorrent's inactivity_timeout).","type":"integer","minimum":1,"default":600000},"trackerMs":{"description":"For an HTTP tracker's whole answer.","type":"integer","minimum":1,"default":15000},"torrentFileMs":{"description":"For a .torrent file fetched from an http(s) URL, redirects included.","type":"integer","minimum":1,"default":30000}}},"trackers":{"description":"UDP tracker (BEP 15) retransmission: the n-th retry waits udpBaseTimeoutMs * 2^n, and the whole exchange gives up after udpTimeoutMs.","type":"object","default":{},"additionalProperties":false,"properties":{"udpBaseTimeoutMs":{"description":"Wait before the first retransmission.","type":"integer","minimum":1,"default":15000},"udpRetries":{"description":"Retransmissions before the tracker counts as failed.","type":"integer","minimum":0,"maximum":8,"default":8},"udpTimeoutMs":{"description":"Total time limit of one UDP tracker exchange, retransmissions included.","type":"integer","minimum":1,"default":60000}}},"encryption":{"description":"Message Stream Encryption (MSE/PE), the obfuscated handshake that peers such as rtorrent and webtorrent open with.","type":"object","default":{},"additionalProperties":false,"properties":{"policy":{"description":"disabled: plain BitTorrent only; enabled: accept both on the listening port, dial plain BitTorrent, and redial once with MSE a peer that hangs up on the plain handshake (remembered per address); forced: MSE only, both ways (libtorrent's in_enc_policy and out_enc_policy).","enum":["disabled","enabled","forced"],"default":"enabled"},"allowedMethods":{"description":"What may follow an MSE handshake: plaintext (only the handshake is obfuscated) and rc4 (the whole stream encrypted). We offer these when dialing and accept only these when answering (libtorrent's allowed_enc_level).","type":"array","items":{"enum":["plaintext","rc4"]},"minItems":1,"uniqueItems":true,"default":["plaintext","rc4"]},"preferRc4":{"description":"When answering a peer that offers both methods and both are allowed, choose rc4 rather than plaintext (libtorrent's prefer_rc4).","type":"boolean","default":false}}},"transports":{"description":"How peers are reached: which transports are dialled, in what order, and the limits and timers of uTP (BEP 29). The choose_transport policy hook can change the order per dial.","type":"object","default":{},"additionalProperties":false,"properties":{"order":{"description":"Transports tried in turn when dialling a peer; the next one is tried when a dial fails before the BitTorrent handshake (no answer, refused, reset). Leave one out never to dial it. The default is libtorrent's: uTP first, then TCP, because most peers of real swarms (libtorrent, uTorrent, webtorrent) accept uTP, and its LEDBAT congestion control yields to the user's other traffic. A uTP dial to a TCP-only peer costs only raceAfterMs before TCP is dialled too.","type":"array","items":{"enum":["utp","tcp"]},"minItems":1,"uniqueItems":true,"default":["utp","tcp"]},"raceAfterMs":{"description":"When the transport dialled first has not connected after this long, the next one in `order` is dialled too, and whichever connects first is kept, the other closed (happy eyeballs, RFC 8305's 250 ms). 0 waits for each dial to fail (for uTP, utp.connectTimeoutMs) before the next.","type":"integer","minimum":0,"default":250},"loopbackRaceAfterMs":{"description":"raceAfterMs for a peer on this host (127.0.0.0/8, ::1), where a uTP peer answers within a millisecond or two: a local peer that drops uTP (libtorrent with uTP off keeps its UDP port) is reached over TCP after this, not after raceAfterMs. If a uTP peer is slower to answer, TCP connects beside it and is kept, which on loopback costs nothing (LEDBAT has no link to share). 0 waits for each dial to fail.","type":"integer","minimum":0,"default":20},"utp":{"description":"uTP over UDP: one UDP socket per listen port (the TCP port's number) carries every uTP connection.","type":"object","default":{},"additionalProperties":false,"properties":{"listen":{"description":"Accept uTP connections on UDP on the listen ports (listen.tcp4 / listen.tcp6 say which families). Dials go out from this socket too, so without it uTP is not dialled either and transports.order falls through to TCP.","type":"boolean","default":true},"maxConnections":{"description":"uTP connections at most, dialled and accepted, half-open or not; a SYN beyond it is dropped (libtorrent's connections_limit, 200).","type":"integer","minimum":1,"default":200},"maxHalfOpen":{"description":"Accepted uTP connections that sent a SYN but no data yet, at most; further SYNs are dropped, so a SYN flood from many ports holds a bounded table.","type":"integer","minimum":1,"default":50},"connectTimeoutMs":{"description":"A uTP dial that got no answer by then fails and the next transport is tried (libtorrent's utp_connect_timeout, 3 s).","type":"integer","minimum":1,"default":3000},"halfOpenTimeoutMs":{"description":"An accepted uTP connection whose initiator sends no data within this time is dropped.","type":"integer","minimum":1,"default":10000},"packetSize":{"description":"Payload bytes per uTP data packet (a 1500-byte MTU less the IP, UDP and uTP headers, rounded down).","type":"integer","minimum":100,"maximum":1452,"default":1400},"maxReceiveBuffer":{"description":"Bytes held per connection for the reader (unread plus out of order): the receive window advertised to the peer, and the bound on its reorder buffer.","type":"integer","minimum":4096,"default":1048576},"maxSendWindow":{"description":"Bytes in flight per connection at most, whatever LEDBAT's window and the peer's say.","type":"integer","minimum":4096,"default":1048576},"maxRetransmits":{"description":"Retransmissions of one packet before the connection is given up (libtorrent's utp_num_resends, 3; the timeout doubles from at least 500 ms, so about 3.5 s of silence).","type":"integer","minimum":1,"default":3},"maxSynRetransmits":{"description":"SYN retransmissions before a dial fails (libtorrent's utp_syn_resends, 2).","type":"integer","minimum":0,"default":2},"zeroWindowTimeoutMs":{"description":"A peer keeping its receive window at 0 this long while we have data for it is disconnected.","type":"integer","minimum":1,"default":60000},"keepAliveMs":{"description":"A state packet is sent after this long without sending anything, to keep NAT mappings open.","type":"integer","minimum":1,"default":29000},"closeTimeoutMs":{"description":"A uTP connection closed with bytes still unsent or unacknowledged goes on sending them, then its FIN, until the peer acknowledges all, for at most this long, as a closed TCP socket's bytes still leave from the kernel. Closing the client waits for it.","type":"integer","minimum":0,"default":5000}}}}},"daemon":{"description":"`bt daemon`: where it keeps its session (torrents, their folders, paused or active, rate limits, resume data) and how often it saves it.","type":"object","default":{},"additionalProperties":false,"properties":{"stateDir":{"description":"The daemon's state folder (--state wins); a relative path is relative to this file's folder. Unset: the platform's data folder, e.g. $XDG_DATA_HOME/swarmhook (~/.local/share/swarmhook).","type":"string","minLength":1},"saveIntervalMs":{"description":"Save the session this often when it changed (a crash loses at most this much of it; verified pieces are in the resume data); it is saved on stop too.","type":"integer","minimum":100,"default":5000}}},"resume":{"description":"Fast resume: each torrent saves which pieces it has and its files' sizes and mtimes (every intervalMs while pieces change, on completion, pause and stop); on restart, files whose size and mtime still match are trusted without hashing, and the pieces touching any other file are checked.","type":"object","default":{},"additionalProperties":false,"properties":{"enabled":{"description":"Save resume data and trust it on restart; false checks every piece on every start.","type":"boolean","default":true},"dir":{"description":"Folder for the resume files, one per torrent named by its info hash (`<infohash>.swarmhook-resume`); a relative path is relative to this file's folder. Unset: a hidden `.<name>.<infohash8>.swarmhook-resume` beside each download, in the folder it is saved in.","type":"string","minLength":1},"intervalMs":{"description":"Save every this many milliseconds while pieces change, so that a crash loses at most this much; 0 saves only on completion, pause and stop.","type":"integer","minimum":0,"default":60000}}},"stats":{"description":"The `stats` event: each running torrent's rates, bytes, peers and time remaining, fired at an interval while anyone listens.","type":"object","default":{},"additionalProperties":false,"properties":{"intervalMs":{"description":"Milliseconds between two `stats` events of a torrent; 0 never fires them.","type":"integer","minimum":0,"default":1000}}},"streaming":{"description":"File streams (`file.createReadStream()`, `torrent.createServer()`): the pieces just ahead of a reader are fetched first, by deadline, before rarest first.","type":"object","default":{},"additionalProperties":false,"properties":{"readaheadBytes":{"description":"Bytes ahead of a reader whose pieces get deadlines (always at least the piece being read and the next). More keeps a fast reader fed; less leaves more of the bandwidth to rarest first.","type":"integer","minimum":1,"default":4194304},"deadlineStepMs":{"description":"Each further piece ahead of a reader has a deadline this many milliseconds later than the one before it; pieces with deadlines are requested in deadline order, before any other.","type":"integer","minimum":1,"default":100},"maxServerConnections":{"description":"Connections a `torrent.createServer()` server holds at once (its `maxConnections`); more are closed as they arrive. Each request reading a file holds a stream and its deadlines.","type":"integer","minimum":1,"default":32}}}},"$defs":{"port":{"type":"integer","minimum":0,"maximum":65535},"peerIdPrefix":{"description":"1 to 16 printable ASCII characters, no spaces.","type":"string","pattern":"^[\\x21-\\x7e]{1,16}$"},"portRange":{"description":"An inclusive range of ports, \"from-to\".","type":"string","pattern":"^[0-9]{1,5}-[0-9]{1,5}$"},"portSpec":{"anyOf":[{"$ref":"#/$defs/port"},{"$ref":"#/$defs/portRange"},{"type":"array","minItems":1,"items":{"anyOf":[{"$ref":"#/$defs/port"},{"$ref":"#/$defs/portRange"}]}}]},"pluginReference":{"anyOf":[{"description":"A built-in's name, a path (./x.js, relative to this file) or a package name.","type":"string","minLength":1},{"description":"A plugin object (JavaScript and TypeScript config files only).","type":"object","required":["name","apply"],"properties":{"name":{"type":"string","minLength":1},"apply":{"description":"apply(client, options): taps the client's hooks."}}}]},"pluginSwitch":{"description":"The plugin's options, true (on with defaults) or false (off).","anyOf":[{"type":"object"},{"type":"boolean"}]},"pluginEntry":{"anyOf":[{"$ref":"#/$defs/pluginReference"},{"type":"array","prefixItems":[{"$ref":"#/$defs/pluginReference"},{"$ref":"#/$defs/pluginSwitch"}],"items":false,"minItems":2}]}}};
const schema41 = {"description":"1 to 16 printable ASCII characters, no spaces.","type":"string","pattern":"^[\\x21-\\x7e]{1,16}$"};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const schema32 = {"anyOf":[{"$ref":"#/$defs/pluginReference"},{"type":"array","prefixItems":[{"$ref":"#/$defs/pluginReference"},{"$ref":"#/$defs/pluginSwitch"}],"items":false,"minItems":2}]};
const schema33 = {"anyOf":[{"description":"A built-in's name, a path (./x.js, relative to this file) or a package name.","type":"string","minLength":1},{"description":"A plugin object (JavaScript and TypeScript config files only).","type":"object","required":["name","apply"],"properties":{"name":{"type":"string","minLength":1},"apply":{"description":"apply(client, options): taps the client's hooks."}}}]};
const schema35 = {"description":"The plugin's options, true (on with defaults) or false (off).","anyOf":[{"type":"object"},{"type":"boolean"}]};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
const _errs3 = errors;
let valid2 = false;
const _errs4 = errors;
if(typeof data === "string"){
if(func2(data) < 1){
const err0 = {instancePath,schemaPath:"#/$defs/pluginReference/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.anyOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/$defs/pluginReference/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.anyOf[0].type,parentSchema:schema33.anyOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid1 = _errs4 === errors;
valid2 = valid2 || _valid1;
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/$defs/pluginReference/anyOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema33.anyOf[1].required,parentSchema:schema33.anyOf[1],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.apply === undefined){
const err3 = {instancePath,schemaPath:"#/$defs/pluginReference/anyOf/1/required",keyword:"required",params:{missingProperty: "apply"},message:"must have required property '"+"apply"+"'",schema:schema33.anyOf[1].required,parentSchema:schema33.anyOf[1],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/pluginReference/anyOf/1/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.anyOf[1].properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/pluginReference/anyOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.anyOf[1].properties.name.type,parentSchema:schema33.anyOf[1].properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/$defs/pluginReference/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.anyOf[1].type,parentSchema:schema33.anyOf[1],data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var _valid1 = _errs6 === errors;
valid2 = valid2 || _valid1;
if(_valid1){
var props0 = {};
props0.name = true;
props0.apply = true;
}
if(!valid2){
const err7 = {instancePath,schemaPath:"#/$defs/pluginReference/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema33.anyOf,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs10 = errors;
if(Array.isArray(data)){
if(data.length < 2){
const err8 = {instancePath,schemaPath:"#/anyOf/1/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema32.anyOf[1],data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data.length;
if(len0 > 0){
let data1 = data[0];
const _errs14 = errors;
let valid6 = false;
const _errs15 = errors;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err9 = {instancePath:instancePath+"/0",schemaPath:"#/$defs/pluginReference/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/0",schemaPath:"#/$defs/pluginReference/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.anyOf[0].type,parentSchema:schema33.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid2 = _errs15 === errors;
valid6 = valid6 || _valid2;
const _errs17 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.name === undefined){
const err11 = {instancePath:instancePath+"/0",schemaPath:"#/$defs/pluginReference/anyOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema33.anyOf[1].required,parentSchema:schema33.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data1.apply === undefined){
const err12 = {instancePath:instancePath+"/0",schemaPath:"#/$defs/pluginReference/anyOf/1/required",keyword:"required",params:{missingProperty: "apply"},message:"must have required property '"+"apply"+"'",schema:schema33.anyOf[1].required,parentSchema:schema33.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data1.name !== undefined){
let data2 = data1.name;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err13 = {instancePath:instancePath+"/0/name",schemaPath:"#/$defs/pluginReference/anyOf/1/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.anyOf[1].properties.name,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/0/name",schemaPath:"#/$defs/pluginReference/anyOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.anyOf[1].properties.name.type,parentSchema:schema33.anyOf[1].properties.name,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/0",schemaPath:"#/$defs/pluginReference/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.anyOf[1].type,parentSchema:schema33.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid2 = _errs17 === errors;
valid6 = valid6 || _valid2;
if(_valid2){
var props1 = {};
props1.name = true;
props1.apply = true;
}
if(!valid6){
const err16 = {instancePath:instancePath+"/0",schemaPath:"#/$defs/pluginReference/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema33.anyOf,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
}
if(len0 > 1){
let data3 = data[1];
const _errs23 = errors;
let valid9 = false;
const _errs24 = errors;
if(!(data3 && typeof data3 == "object" && !Array.isArray(data3))){
const err17 = {instancePath:instancePath+"/1",schemaPath:"#/$defs/pluginSwitch/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.anyOf[0].type,parentSchema:schema35.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
var _valid3 = _errs24 === errors;
valid9 = valid9 || _valid3;
const _errs26 = errors;
if(typeof data3 !== "boolean"){
const err18 = {instancePath:instancePath+"/1",schemaPath:"#/$defs/pluginSwitch/anyOf/1/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema35.anyOf[1].type,parentSchema:schema35.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var _valid3 = _errs26 === errors;
valid9 = valid9 || _valid3;
if(!valid9){
const err19 = {instancePath:instancePath+"/1",schemaPath:"#/$defs/pluginSwitch/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema35.anyOf,parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
else {
errors = _errs23;
if(vErrors !== null){
if(_errs23){
vErrors.length = _errs23;
}
else {
vErrors = null;
}
}
}
}
const len1 = data.length;
if(!(len1 <= 2)){
const err20 = {instancePath,schemaPath:"#/anyOf/1/items",keyword:"items",params:{limit: 2},message:"must NOT have more than 2 items",schema:false,parentSchema:schema32.anyOf[1],data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.anyOf[1].type,parentSchema:schema32.anyOf[1],data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid0 = _errs10 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var items0 = true;
}
if(!valid0){
const err22 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema32.anyOf,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate21.errors = vErrors;
evaluated0.props = props0;
evaluated0.items = items0;
return errors === 0;
}
validate21.evaluated = {"dynamicProps":true,"dynamicItems":true};

const schema36 = {"anyOf":[{"$ref":"#/$defs/port"},{"$ref":"#/$defs/portRange"},{"type":"array","minItems":1,"items":{"anyOf":[{"$ref":"#/$defs/port"},{"$ref":"#/$defs/portRange"}]}}]};
const schema37 = {"type":"integer","minimum":0,"maximum":65535};
const schema38 = {"description":"An inclusive range of ports, \"from-to\".","type":"string","pattern":"^[0-9]{1,5}-[0-9]{1,5}$"};
const pattern4 = new RegExp("^[0-9]{1,5}-[0-9]{1,5}$", "u");

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(!((typeof data == "number") && (!(data % 1) && !isNaN(data)))){
const err0 = {instancePath,schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.type,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(typeof data == "number"){
if(data > 65535 || isNaN(data)){
const err1 = {instancePath,schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data < 0 || isNaN(data)){
const err2 = {instancePath,schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs4 = errors;
if(typeof data === "string"){
if(!pattern4.test(data)){
const err3 = {instancePath,schemaPath:"#/$defs/portRange/pattern",keyword:"pattern",params:{pattern: "^[0-9]{1,5}-[0-9]{1,5}$"},message:"must match pattern \""+"^[0-9]{1,5}-[0-9]{1,5}$"+"\"",schema:"^[0-9]{1,5}-[0-9]{1,5}$",parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath,schemaPath:"#/$defs/portRange/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs4 === errors;
valid0 = valid0 || _valid0;
const _errs7 = errors;
if(Array.isArray(data)){
if(data.length < 1){
const err5 = {instancePath,schemaPath:"#/anyOf/2/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema36.anyOf[2],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
const _errs10 = errors;
let valid5 = false;
const _errs11 = errors;
if(!((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0)))){
const err6 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.type,parentSchema:schema37,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(typeof data0 == "number"){
if(data0 > 65535 || isNaN(data0)){
const err7 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema37,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data0 < 0 || isNaN(data0)){
const err8 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
var _valid1 = _errs11 === errors;
valid5 = valid5 || _valid1;
const _errs14 = errors;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err9 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/portRange/pattern",keyword:"pattern",params:{pattern: "^[0-9]{1,5}-[0-9]{1,5}$"},message:"must match pattern \""+"^[0-9]{1,5}-[0-9]{1,5}$"+"\"",schema:"^[0-9]{1,5}-[0-9]{1,5}$",parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/portRange/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid1 = _errs14 === errors;
valid5 = valid5 || _valid1;
if(!valid5){
const err11 = {instancePath:instancePath+"/" + i0,schemaPath:"#/anyOf/2/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf[2].items.anyOf,parentSchema:schema36.anyOf[2].items,data:data0};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs10;
if(vErrors !== null){
if(_errs10){
vErrors.length = _errs10;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/anyOf/2/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema36.anyOf[2].type,parentSchema:schema36.anyOf[2],data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var items0 = true;
}
if(!valid0){
const err13 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate23.errors = vErrors;
evaluated0.items = items0;
return errors === 0;
}
validate23.evaluated = {"dynamicProps":false,"dynamicItems":true};

const formats0 = formats.ipv4;
const formats2 = formats.ipv6;
const pattern6 = new RegExp("^[\\x21-\\x7e]{1,16}$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:btrc" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.listen === undefined){
data.listen = {};
}
if(data.peerIdPrefix === undefined){
data.peerIdPrefix = "-SH0100-";
}
if(data.downloadDir === undefined){
data.downloadDir = ".";
}
if(data.limits === undefined){
data.limits = {};
}
if(data.rates === undefined){
data.rates = {};
}
if(data.timeouts === undefined){
data.timeouts = {};
}
if(data.trackers === undefined){
data.trackers = {};
}
if(data.encryption === undefined){
data.encryption = {};
}
if(data.transports === undefined){
data.transports = {};
}
if(data.daemon === undefined){
data.daemon = {};
}
if(data.resume === undefined){
data.resume = {};
}
if(data.stats === undefined){
data.stats = {};
}
if(data.streaming === undefined){
data.streaming = {};
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.$schema.type,parentSchema:schema31.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.plugins !== undefined){
let data1 = data.plugins;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate21(data1[i0], {instancePath:instancePath+"/plugins/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/plugins",schemaPath:"#/properties/plugins/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.plugins.type,parentSchema:schema31.properties.plugins,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let data3 = data.listen;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.ports === undefined){
data3.ports = "6881-6889";
}
if(data3.tcp4 === undefined){
data3.tcp4 = true;
}
if(data3.tcp6 === undefined){
data3.tcp6 = true;
}
if(data3.host4 === undefined){
data3.host4 = "0.0.0.0";
}
if(data3.host6 === undefined){
data3.host6 = "::";
}
for(const key1 in data3){
if(!(((((key1 === "ports") || (key1 === "tcp4")) || (key1 === "tcp6")) || (key1 === "host4")) || (key1 === "host6"))){
const err3 = {instancePath:instancePath+"/listen",schemaPath:"#/properties/listen/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.listen,data:data3};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(!(validate23(data3.ports, {instancePath:instancePath+"/listen/ports",parentData:data3,parentDataProperty:"ports",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
let data5 = data3.tcp4;
if(typeof data5 !== "boolean"){
const err4 = {instancePath:instancePath+"/listen/tcp4",schemaPath:"#/properties/listen/properties/tcp4/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.listen.properties.tcp4.type,parentSchema:schema31.properties.listen.properties.tcp4,data:data5};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
let data6 = data3.tcp6;
if(typeof data6 !== "boolean"){
const err5 = {instancePath:instancePath+"/listen/tcp6",schemaPath:"#/properties/listen/properties/tcp6/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.listen.properties.tcp6.type,parentSchema:schema31.properties.listen.properties.tcp6,data:data6};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data7 = data3.host4;
if(typeof data7 === "string"){
if(!(formats0(data7))){
const err6 = {instancePath:instancePath+"/listen/host4",schemaPath:"#/properties/listen/properties/host4/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema31.properties.listen.properties.host4,data:data7};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/listen/host4",schemaPath:"#/properties/listen/properties/host4/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.listen.properties.host4.type,parentSchema:schema31.properties.listen.properties.host4,data:data7};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data8 = data3.host6;
if(typeof data8 === "string"){
if(!(formats2(data8))){
const err8 = {instancePath:instancePath+"/listen/host6",schemaPath:"#/properties/listen/properties/host6/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema31.properties.listen.properties.host6,data:data8};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/listen/host6",schemaPath:"#/properties/listen/properties/host6/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.listen.properties.host6.type,parentSchema:schema31.properties.listen.properties.host6,data:data8};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/listen",schemaPath:"#/properties/listen/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.listen.type,parentSchema:schema31.properties.listen,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
let data9 = data.peerIdPrefix;
if(typeof data9 === "string"){
if(!pattern6.test(data9)){
const err11 = {instancePath:instancePath+"/peerIdPrefix",schemaPath:"#/$defs/peerIdPrefix/pattern",keyword:"pattern",params:{pattern: "^[\\x21-\\x7e]{1,16}$"},message:"must match pattern \""+"^[\\x21-\\x7e]{1,16}$"+"\"",schema:"^[\\x21-\\x7e]{1,16}$",parentSchema:schema41,data:data9};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/peerIdPrefix",schemaPath:"#/$defs/peerIdPrefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data9};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data10 = data.downloadDir;
if(typeof data10 === "string"){
if(func2(data10) < 1){
const err13 = {instancePath:instancePath+"/downloadDir",schemaPath:"#/properties/downloadDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.downloadDir,data:data10};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/downloadDir",schemaPath:"#/properties/downloadDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.downloadDir.type,parentSchema:schema31.properties.downloadDir,data:data10};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
let data11 = data.limits;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.maxConnections === undefined){
data11.maxConnections = 200;
}
if(data11.maxConnectionsPerTorrent === undefined){
data11.maxConnectionsPerTorrent = 50;
}
if(data11.maxUploadSlots === undefined){
data11.maxUploadSlots = 8;
}
if(data11.maxConnectionsPerIp === undefined){
data11.maxConnectionsPerIp = 8;
}
if(data11.maxHalfOpen === undefined){
data11.maxHalfOpen = 50;
}
if(data11.maxQueuedRequestsPerPeer === undefined){
data11.maxQueuedRequestsPerPeer = 2000;
}
if(data11.maxSendBufferPerPeer === undefined){
data11.maxSendBufferPerPeer = 1048576;
}
if(data11.maxSendBufferTotal === undefined){
data11.maxSendBufferTotal = 67108864;
}
if(data11.maxOpenFiles === undefined){
data11.maxOpenFiles = 64;
}
if(data11.maxEmptyMessagesPerSecond === undefined){
data11.maxEmptyMessagesPerSecond = 20;
}
if(data11.maxDialNotes === undefined){
data11.maxDialNotes = 10000;
}
if(data11.maxPeerCandidates === undefined){
data11.maxPeerCandidates = 3000;
}
if(data11.maxTorrentFileBytes === undefined){
data11.maxTorrentFileBytes = 10000000;
}
for(const key2 in data11){
if(!(func1.call(schema31.properties.limits.properties, key2))){
const err15 = {instancePath:instancePath+"/limits",schemaPath:"#/properties/limits/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.limits,data:data11};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data12 = data11.maxConnections;
if(!((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12)))){
const err16 = {instancePath:instancePath+"/limits/maxConnections",schemaPath:"#/properties/limits/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxConnections.type,parentSchema:schema31.properties.limits.properties.maxConnections,data:data12};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(typeof data12 == "number"){
if(data12 < 1 || isNaN(data12)){
const err17 = {instancePath:instancePath+"/limits/maxConnections",schemaPath:"#/properties/limits/properties/maxConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxConnections,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let data13 = data11.maxConnectionsPerTorrent;
if(!((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13)))){
const err18 = {instancePath:instancePath+"/limits/maxConnectionsPerTorrent",schemaPath:"#/properties/limits/properties/maxConnectionsPerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxConnectionsPerTorrent.type,parentSchema:schema31.properties.limits.properties.maxConnectionsPerTorrent,data:data13};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(typeof data13 == "number"){
if(data13 < 1 || isNaN(data13)){
const err19 = {instancePath:instancePath+"/limits/maxConnectionsPerTorrent",schemaPath:"#/properties/limits/properties/maxConnectionsPerTorrent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxConnectionsPerTorrent,data:data13};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let data14 = data11.maxUploadSlots;
if(!((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14)))){
const err20 = {instancePath:instancePath+"/limits/maxUploadSlots",schemaPath:"#/properties/limits/properties/maxUploadSlots/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxUploadSlots.type,parentSchema:schema31.properties.limits.properties.maxUploadSlots,data:data14};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data14 == "number"){
if(data14 < 0 || isNaN(data14)){
const err21 = {instancePath:instancePath+"/limits/maxUploadSlots",schemaPath:"#/properties/limits/properties/maxUploadSlots/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.limits.properties.maxUploadSlots,data:data14};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data15 = data11.maxConnectionsPerIp;
if(!((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15)))){
const err22 = {instancePath:instancePath+"/limits/maxConnectionsPerIp",schemaPath:"#/properties/limits/properties/maxConnectionsPerIp/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxConnectionsPerIp.type,parentSchema:schema31.properties.limits.properties.maxConnectionsPerIp,data:data15};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(typeof data15 == "number"){
if(data15 < 1 || isNaN(data15)){
const err23 = {instancePath:instancePath+"/limits/maxConnectionsPerIp",schemaPath:"#/properties/limits/properties/maxConnectionsPerIp/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxConnectionsPerIp,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let data16 = data11.maxHalfOpen;
if(!((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16)))){
const err24 = {instancePath:instancePath+"/limits/maxHalfOpen",schemaPath:"#/properties/limits/properties/maxHalfOpen/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxHalfOpen.type,parentSchema:schema31.properties.limits.properties.maxHalfOpen,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(typeof data16 == "number"){
if(data16 < 1 || isNaN(data16)){
const err25 = {instancePath:instancePath+"/limits/maxHalfOpen",schemaPath:"#/properties/limits/properties/maxHalfOpen/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxHalfOpen,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
let data17 = data11.maxQueuedRequestsPerPeer;
if(!((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17)))){
const err26 = {instancePath:instancePath+"/limits/maxQueuedRequestsPerPeer",schemaPath:"#/properties/limits/properties/maxQueuedRequestsPerPeer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxQueuedRequestsPerPeer.type,parentSchema:schema31.properties.limits.properties.maxQueuedRequestsPerPeer,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(typeof data17 == "number"){
if(data17 < 1 || isNaN(data17)){
const err27 = {instancePath:instancePath+"/limits/maxQueuedRequestsPerPeer",schemaPath:"#/properties/limits/properties/maxQueuedRequestsPerPeer/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxQueuedRequestsPerPeer,data:data17};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
let data18 = data11.maxSendBufferPerPeer;
if(!((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18)))){
const err28 = {instancePath:instancePath+"/limits/maxSendBufferPerPeer",schemaPath:"#/properties/limits/properties/maxSendBufferPerPeer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxSendBufferPerPeer.type,parentSchema:schema31.properties.limits.properties.maxSendBufferPerPeer,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(typeof data18 == "number"){
if(data18 < 16384 || isNaN(data18)){
const err29 = {instancePath:instancePath+"/limits/maxSendBufferPerPeer",schemaPath:"#/properties/limits/properties/maxSendBufferPerPeer/minimum",keyword:"minimum",params:{comparison: ">=", limit: 16384},message:"must be >= 16384",schema:16384,parentSchema:schema31.properties.limits.properties.maxSendBufferPerPeer,data:data18};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let data19 = data11.maxSendBufferTotal;
if(!((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19)))){
const err30 = {instancePath:instancePath+"/limits/maxSendBufferTotal",schemaPath:"#/properties/limits/properties/maxSendBufferTotal/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxSendBufferTotal.type,parentSchema:schema31.properties.limits.properties.maxSendBufferTotal,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(typeof data19 == "number"){
if(data19 < 16384 || isNaN(data19)){
const err31 = {instancePath:instancePath+"/limits/maxSendBufferTotal",schemaPath:"#/properties/limits/properties/maxSendBufferTotal/minimum",keyword:"minimum",params:{comparison: ">=", limit: 16384},message:"must be >= 16384",schema:16384,parentSchema:schema31.properties.limits.properties.maxSendBufferTotal,data:data19};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let data20 = data11.maxOpenFiles;
if(!((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20)))){
const err32 = {instancePath:instancePath+"/limits/maxOpenFiles",schemaPath:"#/properties/limits/properties/maxOpenFiles/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxOpenFiles.type,parentSchema:schema31.properties.limits.properties.maxOpenFiles,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(typeof data20 == "number"){
if(data20 < 1 || isNaN(data20)){
const err33 = {instancePath:instancePath+"/limits/maxOpenFiles",schemaPath:"#/properties/limits/properties/maxOpenFiles/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxOpenFiles,data:data20};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
let data21 = data11.maxEmptyMessagesPerSecond;
if(!((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21)))){
const err34 = {instancePath:instancePath+"/limits/maxEmptyMessagesPerSecond",schemaPath:"#/properties/limits/properties/maxEmptyMessagesPerSecond/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxEmptyMessagesPerSecond.type,parentSchema:schema31.properties.limits.properties.maxEmptyMessagesPerSecond,data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(typeof data21 == "number"){
if(data21 < 1 || isNaN(data21)){
const err35 = {instancePath:instancePath+"/limits/maxEmptyMessagesPerSecond",schemaPath:"#/properties/limits/properties/maxEmptyMessagesPerSecond/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxEmptyMessagesPerSecond,data:data21};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
let data22 = data11.maxDialNotes;
if(!((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22)))){
const err36 = {instancePath:instancePath+"/limits/maxDialNotes",schemaPath:"#/properties/limits/properties/maxDialNotes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxDialNotes.type,parentSchema:schema31.properties.limits.properties.maxDialNotes,data:data22};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(typeof data22 == "number"){
if(data22 < 1 || isNaN(data22)){
const err37 = {instancePath:instancePath+"/limits/maxDialNotes",schemaPath:"#/properties/limits/properties/maxDialNotes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxDialNotes,data:data22};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let data23 = data11.maxPeerCandidates;
if(!((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23)))){
const err38 = {instancePath:instancePath+"/limits/maxPeerCandidates",schemaPath:"#/properties/limits/properties/maxPeerCandidates/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxPeerCandidates.type,parentSchema:schema31.properties.limits.properties.maxPeerCandidates,data:data23};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(typeof data23 == "number"){
if(data23 < 1 || isNaN(data23)){
const err39 = {instancePath:instancePath+"/limits/maxPeerCandidates",schemaPath:"#/properties/limits/properties/maxPeerCandidates/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.limits.properties.maxPeerCandidates,data:data23};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
let data24 = data11.maxTorrentFileBytes;
if(!((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24)))){
const err40 = {instancePath:instancePath+"/limits/maxTorrentFileBytes",schemaPath:"#/properties/limits/properties/maxTorrentFileBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxTorrentFileBytes.type,parentSchema:schema31.properties.limits.properties.maxTorrentFileBytes,data:data24};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(typeof data24 == "number"){
if(data24 < 1024 || isNaN(data24)){
const err41 = {instancePath:instancePath+"/limits/maxTorrentFileBytes",schemaPath:"#/properties/limits/properties/maxTorrentFileBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema31.properties.limits.properties.maxTorrentFileBytes,data:data24};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/limits",schemaPath:"#/properties/limits/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.limits.type,parentSchema:schema31.properties.limits,data:data11};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
let data25 = data.rates;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.maxDownloadRate === undefined){
data25.maxDownloadRate = 0;
}
if(data25.maxUploadRate === undefined){
data25.maxUploadRate = 0;
}
if(data25.maxDownloadRatePerTorrent === undefined){
data25.maxDownloadRatePerTorrent = 0;
}
if(data25.maxUploadRatePerTorrent === undefined){
data25.maxUploadRatePerTorrent = 0;
}
for(const key3 in data25){
if(!((((key3 === "maxDownloadRate") || (key3 === "maxUploadRate")) || (key3 === "maxDownloadRatePerTorrent")) || (key3 === "maxUploadRatePerTorrent"))){
const err43 = {instancePath:instancePath+"/rates",schemaPath:"#/properties/rates/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.rates,data:data25};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
let data26 = data25.maxDownloadRate;
if(!((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26)))){
const err44 = {instancePath:instancePath+"/rates/maxDownloadRate",schemaPath:"#/properties/rates/properties/maxDownloadRate/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxDownloadRate.type,parentSchema:schema31.properties.rates.properties.maxDownloadRate,data:data26};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(typeof data26 == "number"){
if(data26 < 0 || isNaN(data26)){
const err45 = {instancePath:instancePath+"/rates/maxDownloadRate",schemaPath:"#/properties/rates/properties/maxDownloadRate/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.rates.properties.maxDownloadRate,data:data26};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
let data27 = data25.maxUploadRate;
if(!((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27)))){
const err46 = {instancePath:instancePath+"/rates/maxUploadRate",schemaPath:"#/properties/rates/properties/maxUploadRate/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxUploadRate.type,parentSchema:schema31.properties.rates.properties.maxUploadRate,data:data27};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(typeof data27 == "number"){
if(data27 < 0 || isNaN(data27)){
const err47 = {instancePath:instancePath+"/rates/maxUploadRate",schemaPath:"#/properties/rates/properties/maxUploadRate/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.rates.properties.maxUploadRate,data:data27};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
let data28 = data25.maxDownloadRatePerTorrent;
if(!((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28)))){
const err48 = {instancePath:instancePath+"/rates/maxDownloadRatePerTorrent",schemaPath:"#/properties/rates/properties/maxDownloadRatePerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxDownloadRatePerTorrent.type,parentSchema:schema31.properties.rates.properties.maxDownloadRatePerTorrent,data:data28};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(typeof data28 == "number"){
if(data28 < 0 || isNaN(data28)){
const err49 = {instancePath:instancePath+"/rates/maxDownloadRatePerTorrent",schemaPath:"#/properties/rates/properties/maxDownloadRatePerTorrent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.rates.properties.maxDownloadRatePerTorrent,data:data28};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
let data29 = data25.maxUploadRatePerTorrent;
if(!((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29)))){
const err50 = {instancePath:instancePath+"/rates/maxUploadRatePerTorrent",schemaPath:"#/properties/rates/properties/maxUploadRatePerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxUploadRatePerTorrent.type,parentSchema:schema31.properties.rates.properties.maxUploadRatePerTorrent,data:data29};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(typeof data29 == "number"){
if(data29 < 0 || isNaN(data29)){
const err51 = {instancePath:instancePath+"/rates/maxUploadRatePerTorrent",schemaPath:"#/properties/rates/properties/maxUploadRatePerTorrent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.rates.properties.maxUploadRatePerTorrent,data:data29};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/rates",schemaPath:"#/properties/rates/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.rates.type,parentSchema:schema31.properties.rates,data:data25};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
let data30 = data.timeouts;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
if(data30.connectMs === undefined){
data30.connectMs = 10000;
}
if(data30.handshakeMs === undefined){
data30.handshakeMs = 10000;
}
if(data30.inactivityMs === undefined){
data30.inactivityMs = 120000;
}
if(data30.idleMs === undefined){
data30.idleMs = 600000;
}
if(data30.trackerMs === undefined){
data30.trackerMs = 15000;
}
if(data30.torrentFileMs === undefined){
data30.torrentFileMs = 30000;
}
for(const key4 in data30){
if(!((((((key4 === "connectMs") || (key4 === "handshakeMs")) || (key4 === "inactivityMs")) || (key4 === "idleMs")) || (key4 === "trackerMs")) || (key4 === "torrentFileMs"))){
const err53 = {instancePath:instancePath+"/timeouts",schemaPath:"#/properties/timeouts/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.timeouts,data:data30};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
let data31 = data30.connectMs;
if(!((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31)))){
const err54 = {instancePath:instancePath+"/timeouts/connectMs",schemaPath:"#/properties/timeouts/properties/connectMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.connectMs.type,parentSchema:schema31.properties.timeouts.properties.connectMs,data:data31};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(typeof data31 == "number"){
if(data31 < 1 || isNaN(data31)){
const err55 = {instancePath:instancePath+"/timeouts/connectMs",schemaPath:"#/properties/timeouts/properties/connectMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.timeouts.properties.connectMs,data:data31};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
let data32 = data30.handshakeMs;
if(!((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32)))){
const err56 = {instancePath:instancePath+"/timeouts/handshakeMs",schemaPath:"#/properties/timeouts/properties/handshakeMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.handshakeMs.type,parentSchema:schema31.properties.timeouts.properties.handshakeMs,data:data32};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(typeof data32 == "number"){
if(data32 < 1 || isNaN(data32)){
const err57 = {instancePath:instancePath+"/timeouts/handshakeMs",schemaPath:"#/properties/timeouts/properties/handshakeMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.timeouts.properties.handshakeMs,data:data32};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
let data33 = data30.inactivityMs;
if(!((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33)))){
const err58 = {instancePath:instancePath+"/timeouts/inactivityMs",schemaPath:"#/properties/timeouts/properties/inactivityMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.inactivityMs.type,parentSchema:schema31.properties.timeouts.properties.inactivityMs,data:data33};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(typeof data33 == "number"){
if(data33 < 1 || isNaN(data33)){
const err59 = {instancePath:instancePath+"/timeouts/inactivityMs",schemaPath:"#/properties/timeouts/properties/inactivityMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.timeouts.properties.inactivityMs,data:data33};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
let data34 = data30.idleMs;
if(!((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34)))){
const err60 = {instancePath:instancePath+"/timeouts/idleMs",schemaPath:"#/properties/timeouts/properties/idleMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.idleMs.type,parentSchema:schema31.properties.timeouts.properties.idleMs,data:data34};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(typeof data34 == "number"){
if(data34 < 1 || isNaN(data34)){
const err61 = {instancePath:instancePath+"/timeouts/idleMs",schemaPath:"#/properties/timeouts/properties/idleMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.timeouts.properties.idleMs,data:data34};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
let data35 = data30.trackerMs;
if(!((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35)))){
const err62 = {instancePath:instancePath+"/timeouts/trackerMs",schemaPath:"#/properties/timeouts/properties/trackerMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.trackerMs.type,parentSchema:schema31.properties.timeouts.properties.trackerMs,data:data35};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(typeof data35 == "number"){
if(data35 < 1 || isNaN(data35)){
const err63 = {instancePath:instancePath+"/timeouts/trackerMs",schemaPath:"#/properties/timeouts/properties/trackerMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.timeouts.properties.trackerMs,data:data35};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
let data36 = data30.torrentFileMs;
if(!((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36)))){
const err64 = {instancePath:instancePath+"/timeouts/torrentFileMs",schemaPath:"#/properties/timeouts/properties/torrentFileMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.torrentFileMs.type,parentSchema:schema31.properties.timeouts.properties.torrentFileMs,data:data36};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(typeof data36 == "number"){
if(data36 < 1 || isNaN(data36)){
const err65 = {instancePath:instancePath+"/timeouts/torrentFileMs",schemaPath:"#/properties/timeouts/properties/torrentFileMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.timeouts.properties.torrentFileMs,data:data36};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath:instancePath+"/timeouts",schemaPath:"#/properties/timeouts/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.timeouts.type,parentSchema:schema31.properties.timeouts,data:data30};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
let data37 = data.trackers;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
if(data37.udpBaseTimeoutMs === undefined){
data37.udpBaseTimeoutMs = 15000;
}
if(data37.udpRetries === undefined){
data37.udpRetries = 8;
}
if(data37.udpTimeoutMs === undefined){
data37.udpTimeoutMs = 60000;
}
for(const key5 in data37){
if(!(((key5 === "udpBaseTimeoutMs") || (key5 === "udpRetries")) || (key5 === "udpTimeoutMs"))){
const err67 = {instancePath:instancePath+"/trackers",schemaPath:"#/properties/trackers/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.trackers,data:data37};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
let data38 = data37.udpBaseTimeoutMs;
if(!((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38)))){
const err68 = {instancePath:instancePath+"/trackers/udpBaseTimeoutMs",schemaPath:"#/properties/trackers/properties/udpBaseTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.trackers.properties.udpBaseTimeoutMs.type,parentSchema:schema31.properties.trackers.properties.udpBaseTimeoutMs,data:data38};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(typeof data38 == "number"){
if(data38 < 1 || isNaN(data38)){
const err69 = {instancePath:instancePath+"/trackers/udpBaseTimeoutMs",schemaPath:"#/properties/trackers/properties/udpBaseTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.trackers.properties.udpBaseTimeoutMs,data:data38};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
let data39 = data37.udpRetries;
if(!((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39)))){
const err70 = {instancePath:instancePath+"/trackers/udpRetries",schemaPath:"#/properties/trackers/properties/udpRetries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.trackers.properties.udpRetries.type,parentSchema:schema31.properties.trackers.properties.udpRetries,data:data39};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if(typeof data39 == "number"){
if(data39 > 8 || isNaN(data39)){
const err71 = {instancePath:instancePath+"/trackers/udpRetries",schemaPath:"#/properties/trackers/properties/udpRetries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8},message:"must be <= 8",schema:8,parentSchema:schema31.properties.trackers.properties.udpRetries,data:data39};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(data39 < 0 || isNaN(data39)){
const err72 = {instancePath:instancePath+"/trackers/udpRetries",schemaPath:"#/properties/trackers/properties/udpRetries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.trackers.properties.udpRetries,data:data39};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
let data40 = data37.udpTimeoutMs;
if(!((typeof data40 == "number") && (!(data40 % 1) && !isNaN(data40)))){
const err73 = {instancePath:instancePath+"/trackers/udpTimeoutMs",schemaPath:"#/properties/trackers/properties/udpTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.trackers.properties.udpTimeoutMs.type,parentSchema:schema31.properties.trackers.properties.udpTimeoutMs,data:data40};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if(typeof data40 == "number"){
if(data40 < 1 || isNaN(data40)){
const err74 = {instancePath:instancePath+"/trackers/udpTimeoutMs",schemaPath:"#/properties/trackers/properties/udpTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.trackers.properties.udpTimeoutMs,data:data40};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/trackers",schemaPath:"#/properties/trackers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.trackers.type,parentSchema:schema31.properties.trackers,data:data37};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
let data41 = data.encryption;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.policy === undefined){
data41.policy = "enabled";
}
if(data41.allowedMethods === undefined){
data41.allowedMethods = ["plaintext","rc4"];
}
if(data41.preferRc4 === undefined){
data41.preferRc4 = false;
}
for(const key6 in data41){
if(!(((key6 === "policy") || (key6 === "allowedMethods")) || (key6 === "preferRc4"))){
const err76 = {instancePath:instancePath+"/encryption",schemaPath:"#/properties/encryption/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.encryption,data:data41};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
let data42 = data41.policy;
if(!(((data42 === "disabled") || (data42 === "enabled")) || (data42 === "forced"))){
const err77 = {instancePath:instancePath+"/encryption/policy",schemaPath:"#/properties/encryption/properties/policy/enum",keyword:"enum",params:{allowedValues: schema31.properties.encryption.properties.policy.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.encryption.properties.policy.enum,parentSchema:schema31.properties.encryption.properties.policy,data:data42};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
let data43 = data41.allowedMethods;
if(Array.isArray(data43)){
if(data43.length < 1){
const err78 = {instancePath:instancePath+"/encryption/allowedMethods",schemaPath:"#/properties/encryption/properties/allowedMethods/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.encryption.properties.allowedMethods,data:data43};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
const len1 = data43.length;
for(let i1=0; i1<len1; i1++){
let data44 = data43[i1];
if(!((data44 === "plaintext") || (data44 === "rc4"))){
const err79 = {instancePath:instancePath+"/encryption/allowedMethods/" + i1,schemaPath:"#/properties/encryption/properties/allowedMethods/items/enum",keyword:"enum",params:{allowedValues: schema31.properties.encryption.properties.allowedMethods.items.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.encryption.properties.allowedMethods.items.enum,parentSchema:schema31.properties.encryption.properties.allowedMethods.items,data:data44};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
let i2 = data43.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data43[i2], data43[j0])){
const err80 = {instancePath:instancePath+"/encryption/allowedMethods",schemaPath:"#/properties/encryption/properties/allowedMethods/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema31.properties.encryption.properties.allowedMethods,data:data43};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err81 = {instancePath:instancePath+"/encryption/allowedMethods",schemaPath:"#/properties/encryption/properties/allowedMethods/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.encryption.properties.allowedMethods.type,parentSchema:schema31.properties.encryption.properties.allowedMethods,data:data43};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
let data45 = data41.preferRc4;
if(typeof data45 !== "boolean"){
const err82 = {instancePath:instancePath+"/encryption/preferRc4",schemaPath:"#/properties/encryption/properties/preferRc4/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.encryption.properties.preferRc4.type,parentSchema:schema31.properties.encryption.properties.preferRc4,data:data45};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
else {
const err83 = {instancePath:instancePath+"/encryption",schemaPath:"#/properties/encryption/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.encryption.type,parentSchema:schema31.properties.encryption,data:data41};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
let data46 = data.transports;
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
if(data46.order === undefined){
data46.order = ["utp","tcp"];
}
if(data46.raceAfterMs === undefined){
data46.raceAfterMs = 250;
}
if(data46.loopbackRaceAfterMs === undefined){
data46.loopbackRaceAfterMs = 20;
}
if(data46.utp === undefined){
data46.utp = {};
}
for(const key7 in data46){
if(!((((key7 === "order") || (key7 === "raceAfterMs")) || (key7 === "loopbackRaceAfterMs")) || (key7 === "utp"))){
const err84 = {instancePath:instancePath+"/transports",schemaPath:"#/properties/transports/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.transports,data:data46};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
let data47 = data46.order;
if(Array.isArray(data47)){
if(data47.length < 1){
const err85 = {instancePath:instancePath+"/transports/order",schemaPath:"#/properties/transports/properties/order/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.transports.properties.order,data:data47};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
const len2 = data47.length;
for(let i3=0; i3<len2; i3++){
let data48 = data47[i3];
if(!((data48 === "utp") || (data48 === "tcp"))){
const err86 = {instancePath:instancePath+"/transports/order/" + i3,schemaPath:"#/properties/transports/properties/order/items/enum",keyword:"enum",params:{allowedValues: schema31.properties.transports.properties.order.items.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.transports.properties.order.items.enum,parentSchema:schema31.properties.transports.properties.order.items,data:data48};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
let i4 = data47.length;
let j1;
if(i4 > 1){
outer1:
for(;i4--;){
for(j1 = i4; j1--;){
if(func0(data47[i4], data47[j1])){
const err87 = {instancePath:instancePath+"/transports/order",schemaPath:"#/properties/transports/properties/order/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema31.properties.transports.properties.order,data:data47};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err88 = {instancePath:instancePath+"/transports/order",schemaPath:"#/properties/transports/properties/order/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.transports.properties.order.type,parentSchema:schema31.properties.transports.properties.order,data:data47};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
let data49 = data46.raceAfterMs;
if(!((typeof data49 == "number") && (!(data49 % 1) && !isNaN(data49)))){
const err89 = {instancePath:instancePath+"/transports/raceAfterMs",schemaPath:"#/properties/transports/properties/raceAfterMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.raceAfterMs.type,parentSchema:schema31.properties.transports.properties.raceAfterMs,data:data49};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(typeof data49 == "number"){
if(data49 < 0 || isNaN(data49)){
const err90 = {instancePath:instancePath+"/transports/raceAfterMs",schemaPath:"#/properties/transports/properties/raceAfterMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.transports.properties.raceAfterMs,data:data49};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
let data50 = data46.loopbackRaceAfterMs;
if(!((typeof data50 == "number") && (!(data50 % 1) && !isNaN(data50)))){
const err91 = {instancePath:instancePath+"/transports/loopbackRaceAfterMs",schemaPath:"#/properties/transports/properties/loopbackRaceAfterMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.loopbackRaceAfterMs.type,parentSchema:schema31.properties.transports.properties.loopbackRaceAfterMs,data:data50};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(typeof data50 == "number"){
if(data50 < 0 || isNaN(data50)){
const err92 = {instancePath:instancePath+"/transports/loopbackRaceAfterMs",schemaPath:"#/properties/transports/properties/loopbackRaceAfterMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.transports.properties.loopbackRaceAfterMs,data:data50};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
let data51 = data46.utp;
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
if(data51.listen === undefined){
data51.listen = true;
}
if(data51.maxConnections === undefined){
data51.maxConnections = 200;
}
if(data51.maxHalfOpen === undefined){
data51.maxHalfOpen = 50;
}
if(data51.connectTimeoutMs === undefined){
data51.connectTimeoutMs = 3000;
}
if(data51.halfOpenTimeoutMs === undefined){
data51.halfOpenTimeoutMs = 10000;
}
if(data51.packetSize === undefined){
data51.packetSize = 1400;
}
if(data51.maxReceiveBuffer === undefined){
data51.maxReceiveBuffer = 1048576;
}
if(data51.maxSendWindow === undefined){
data51.maxSendWindow = 1048576;
}
if(data51.maxRetransmits === undefined){
data51.maxRetransmits = 3;
}
if(data51.maxSynRetransmits === undefined){
data51.maxSynRetransmits = 2;
}
if(data51.zeroWindowTimeoutMs === undefined){
data51.zeroWindowTimeoutMs = 60000;
}
if(data51.keepAliveMs === undefined){
data51.keepAliveMs = 29000;
}
if(data51.closeTimeoutMs === undefined){
data51.closeTimeoutMs = 5000;
}
for(const key8 in data51){
if(!(func1.call(schema31.properties.transports.properties.utp.properties, key8))){
const err93 = {instancePath:instancePath+"/transports/utp",schemaPath:"#/properties/transports/properties/utp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.transports.properties.utp,data:data51};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
let data52 = data51.listen;
if(typeof data52 !== "boolean"){
const err94 = {instancePath:instancePath+"/transports/utp/listen",schemaPath:"#/properties/transports/properties/utp/properties/listen/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.transports.properties.utp.properties.listen.type,parentSchema:schema31.properties.transports.properties.utp.properties.listen,data:data52};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
let data53 = data51.maxConnections;
if(!((typeof data53 == "number") && (!(data53 % 1) && !isNaN(data53)))){
const err95 = {instancePath:instancePath+"/transports/utp/maxConnections",schemaPath:"#/properties/transports/properties/utp/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxConnections.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxConnections,data:data53};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if(typeof data53 == "number"){
if(data53 < 1 || isNaN(data53)){
const err96 = {instancePath:instancePath+"/transports/utp/maxConnections",schemaPath:"#/properties/transports/properties/utp/properties/maxConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.maxConnections,data:data53};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
let data54 = data51.maxHalfOpen;
if(!((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54)))){
const err97 = {instancePath:instancePath+"/transports/utp/maxHalfOpen",schemaPath:"#/properties/transports/properties/utp/properties/maxHalfOpen/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxHalfOpen.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxHalfOpen,data:data54};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(typeof data54 == "number"){
if(data54 < 1 || isNaN(data54)){
const err98 = {instancePath:instancePath+"/transports/utp/maxHalfOpen",schemaPath:"#/properties/transports/properties/utp/properties/maxHalfOpen/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.maxHalfOpen,data:data54};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
let data55 = data51.connectTimeoutMs;
if(!((typeof data55 == "number") && (!(data55 % 1) && !isNaN(data55)))){
const err99 = {instancePath:instancePath+"/transports/utp/connectTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/connectTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.connectTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.connectTimeoutMs,data:data55};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if(typeof data55 == "number"){
if(data55 < 1 || isNaN(data55)){
const err100 = {instancePath:instancePath+"/transports/utp/connectTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/connectTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.connectTimeoutMs,data:data55};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
let data56 = data51.halfOpenTimeoutMs;
if(!((typeof data56 == "number") && (!(data56 % 1) && !isNaN(data56)))){
const err101 = {instancePath:instancePath+"/transports/utp/halfOpenTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/halfOpenTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.halfOpenTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.halfOpenTimeoutMs,data:data56};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(typeof data56 == "number"){
if(data56 < 1 || isNaN(data56)){
const err102 = {instancePath:instancePath+"/transports/utp/halfOpenTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/halfOpenTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.halfOpenTimeoutMs,data:data56};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
let data57 = data51.packetSize;
if(!((typeof data57 == "number") && (!(data57 % 1) && !isNaN(data57)))){
const err103 = {instancePath:instancePath+"/transports/utp/packetSize",schemaPath:"#/properties/transports/properties/utp/properties/packetSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.packetSize.type,parentSchema:schema31.properties.transports.properties.utp.properties.packetSize,data:data57};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if(typeof data57 == "number"){
if(data57 > 1452 || isNaN(data57)){
const err104 = {instancePath:instancePath+"/transports/utp/packetSize",schemaPath:"#/properties/transports/properties/utp/properties/packetSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1452},message:"must be <= 1452",schema:1452,parentSchema:schema31.properties.transports.properties.utp.properties.packetSize,data:data57};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(data57 < 100 || isNaN(data57)){
const err105 = {instancePath:instancePath+"/transports/utp/packetSize",schemaPath:"#/properties/transports/properties/utp/properties/packetSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema31.properties.transports.properties.utp.properties.packetSize,data:data57};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
let data58 = data51.maxReceiveBuffer;
if(!((typeof data58 == "number") && (!(data58 % 1) && !isNaN(data58)))){
const err106 = {instancePath:instancePath+"/transports/utp/maxReceiveBuffer",schemaPath:"#/properties/transports/properties/utp/properties/maxReceiveBuffer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxReceiveBuffer.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxReceiveBuffer,data:data58};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(typeof data58 == "number"){
if(data58 < 4096 || isNaN(data58)){
const err107 = {instancePath:instancePath+"/transports/utp/maxReceiveBuffer",schemaPath:"#/properties/transports/properties/utp/properties/maxReceiveBuffer/minimum",keyword:"minimum",params:{comparison: ">=", limit: 4096},message:"must be >= 4096",schema:4096,parentSchema:schema31.properties.transports.properties.utp.properties.maxReceiveBuffer,data:data58};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
let data59 = data51.maxSendWindow;
if(!((typeof data59 == "number") && (!(data59 % 1) && !isNaN(data59)))){
const err108 = {instancePath:instancePath+"/transports/utp/maxSendWindow",schemaPath:"#/properties/transports/properties/utp/properties/maxSendWindow/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxSendWindow.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxSendWindow,data:data59};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if(typeof data59 == "number"){
if(data59 < 4096 || isNaN(data59)){
const err109 = {instancePath:instancePath+"/transports/utp/maxSendWindow",schemaPath:"#/properties/transports/properties/utp/properties/maxSendWindow/minimum",keyword:"minimum",params:{comparison: ">=", limit: 4096},message:"must be >= 4096",schema:4096,parentSchema:schema31.properties.transports.properties.utp.properties.maxSendWindow,data:data59};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
let data60 = data51.maxRetransmits;
if(!((typeof data60 == "number") && (!(data60 % 1) && !isNaN(data60)))){
const err110 = {instancePath:instancePath+"/transports/utp/maxRetransmits",schemaPath:"#/properties/transports/properties/utp/properties/maxRetransmits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxRetransmits.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxRetransmits,data:data60};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if(typeof data60 == "number"){
if(data60 < 1 || isNaN(data60)){
const err111 = {instancePath:instancePath+"/transports/utp/maxRetransmits",schemaPath:"#/properties/transports/properties/utp/properties/maxRetransmits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.maxRetransmits,data:data60};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
let data61 = data51.maxSynRetransmits;
if(!((typeof data61 == "number") && (!(data61 % 1) && !isNaN(data61)))){
const err112 = {instancePath:instancePath+"/transports/utp/maxSynRetransmits",schemaPath:"#/properties/transports/properties/utp/properties/maxSynRetransmits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxSynRetransmits.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxSynRetransmits,data:data61};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if(typeof data61 == "number"){
if(data61 < 0 || isNaN(data61)){
const err113 = {instancePath:instancePath+"/transports/utp/maxSynRetransmits",schemaPath:"#/properties/transports/properties/utp/properties/maxSynRetransmits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.transports.properties.utp.properties.maxSynRetransmits,data:data61};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
let data62 = data51.zeroWindowTimeoutMs;
if(!((typeof data62 == "number") && (!(data62 % 1) && !isNaN(data62)))){
const err114 = {instancePath:instancePath+"/transports/utp/zeroWindowTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/zeroWindowTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.zeroWindowTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.zeroWindowTimeoutMs,data:data62};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(typeof data62 == "number"){
if(data62 < 1 || isNaN(data62)){
const err115 = {instancePath:instancePath+"/transports/utp/zeroWindowTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/zeroWindowTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.zeroWindowTimeoutMs,data:data62};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
let data63 = data51.keepAliveMs;
if(!((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63)))){
const err116 = {instancePath:instancePath+"/transports/utp/keepAliveMs",schemaPath:"#/properties/transports/properties/utp/properties/keepAliveMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.keepAliveMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.keepAliveMs,data:data63};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
if(typeof data63 == "number"){
if(data63 < 1 || isNaN(data63)){
const err117 = {instancePath:instancePath+"/transports/utp/keepAliveMs",schemaPath:"#/properties/transports/properties/utp/properties/keepAliveMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.transports.properties.utp.properties.keepAliveMs,data:data63};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
let data64 = data51.closeTimeoutMs;
if(!((typeof data64 == "number") && (!(data64 % 1) && !isNaN(data64)))){
const err118 = {instancePath:instancePath+"/transports/utp/closeTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/closeTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.closeTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.closeTimeoutMs,data:data64};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
if(typeof data64 == "number"){
if(data64 < 0 || isNaN(data64)){
const err119 = {instancePath:instancePath+"/transports/utp/closeTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/closeTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.transports.properties.utp.properties.closeTimeoutMs,data:data64};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
}
else {
const err120 = {instancePath:instancePath+"/transports/utp",schemaPath:"#/properties/transports/properties/utp/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.transports.properties.utp.type,parentSchema:schema31.properties.transports.properties.utp,data:data51};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
else {
const err121 = {instancePath:instancePath+"/transports",schemaPath:"#/properties/transports/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.transports.type,parentSchema:schema31.properties.transports,data:data46};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
let data65 = data.daemon;
if(data65 && typeof data65 == "object" && !Array.isArray(data65)){
if(data65.saveIntervalMs === undefined){
data65.saveIntervalMs = 5000;
}
for(const key9 in data65){
if(!((key9 === "stateDir") || (key9 === "saveIntervalMs"))){
const err122 = {instancePath:instancePath+"/daemon",schemaPath:"#/properties/daemon/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.daemon,data:data65};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
if(data65.stateDir !== undefined){
let data66 = data65.stateDir;
if(typeof data66 === "string"){
if(func2(data66) < 1){
const err123 = {instancePath:instancePath+"/daemon/stateDir",schemaPath:"#/properties/daemon/properties/stateDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.daemon.properties.stateDir,data:data66};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
else {
const err124 = {instancePath:instancePath+"/daemon/stateDir",schemaPath:"#/properties/daemon/properties/stateDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.daemon.properties.stateDir.type,parentSchema:schema31.properties.daemon.properties.stateDir,data:data66};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
let data67 = data65.saveIntervalMs;
if(!((typeof data67 == "number") && (!(data67 % 1) && !isNaN(data67)))){
const err125 = {instancePath:instancePath+"/daemon/saveIntervalMs",schemaPath:"#/properties/daemon/properties/saveIntervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.daemon.properties.saveIntervalMs.type,parentSchema:schema31.properties.daemon.properties.saveIntervalMs,data:data67};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
if(typeof data67 == "number"){
if(data67 < 100 || isNaN(data67)){
const err126 = {instancePath:instancePath+"/daemon/saveIntervalMs",schemaPath:"#/properties/daemon/properties/saveIntervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema31.properties.daemon.properties.saveIntervalMs,data:data67};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
else {
const err127 = {instancePath:instancePath+"/daemon",schemaPath:"#/properties/daemon/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.daemon.type,parentSchema:schema31.properties.daemon,data:data65};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
let data68 = data.resume;
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
if(data68.enabled === undefined){
data68.enabled = true;
}
if(data68.intervalMs === undefined){
data68.intervalMs = 60000;
}
for(const key10 in data68){
if(!(((key10 === "enabled") || (key10 === "dir")) || (key10 === "intervalMs"))){
const err128 = {instancePath:instancePath+"/resume",schemaPath:"#/properties/resume/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.resume,data:data68};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
let data69 = data68.enabled;
if(typeof data69 !== "boolean"){
const err129 = {instancePath:instancePath+"/resume/enabled",schemaPath:"#/properties/resume/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.resume.properties.enabled.type,parentSchema:schema31.properties.resume.properties.enabled,data:data69};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
if(data68.dir !== undefined){
let data70 = data68.dir;
if(typeof data70 === "string"){
if(func2(data70) < 1){
const err130 = {instancePath:instancePath+"/resume/dir",schemaPath:"#/properties/resume/properties/dir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.resume.properties.dir,data:data70};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
else {
const err131 = {instancePath:instancePath+"/resume/dir",schemaPath:"#/properties/resume/properties/dir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.resume.properties.dir.type,parentSchema:schema31.properties.resume.properties.dir,data:data70};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
let data71 = data68.intervalMs;
if(!((typeof data71 == "number") && (!(data71 % 1) && !isNaN(data71)))){
const err132 = {instancePath:instancePath+"/resume/intervalMs",schemaPath:"#/properties/resume/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.resume.properties.intervalMs.type,parentSchema:schema31.properties.resume.properties.intervalMs,data:data71};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if(typeof data71 == "number"){
if(data71 < 0 || isNaN(data71)){
const err133 = {instancePath:instancePath+"/resume/intervalMs",schemaPath:"#/properties/resume/properties/intervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.resume.properties.intervalMs,data:data71};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
else {
const err134 = {instancePath:instancePath+"/resume",schemaPath:"#/properties/resume/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.resume.type,parentSchema:schema31.properties.resume,data:data68};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
let data72 = data.stats;
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
if(data72.intervalMs === undefined){
data72.intervalMs = 1000;
}
for(const key11 in data72){
if(!(key11 === "intervalMs")){
const err135 = {instancePath:instancePath+"/stats",schemaPath:"#/properties/stats/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.stats,data:data72};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
let data73 = data72.intervalMs;
if(!((typeof data73 == "number") && (!(data73 % 1) && !isNaN(data73)))){
const err136 = {instancePath:instancePath+"/stats/intervalMs",schemaPath:"#/properties/stats/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.stats.properties.intervalMs.type,parentSchema:schema31.properties.stats.properties.intervalMs,data:data73};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
if(typeof data73 == "number"){
if(data73 < 0 || isNaN(data73)){
const err137 = {instancePath:instancePath+"/stats/intervalMs",schemaPath:"#/properties/stats/properties/intervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.stats.properties.intervalMs,data:data73};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
}
else {
const err138 = {instancePath:instancePath+"/stats",schemaPath:"#/properties/stats/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.stats.type,parentSchema:schema31.properties.stats,data:data72};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
let data74 = data.streaming;
if(data74 && typeof data74 == "object" && !Array.isArray(data74)){
if(data74.readaheadBytes === undefined){
data74.readaheadBytes = 4194304;
}
if(data74.deadlineStepMs === undefined){
data74.deadlineStepMs = 100;
}
if(data74.maxServerConnections === undefined){
data74.maxServerConnections = 32;
}
for(const key12 in data74){
if(!(((key12 === "readaheadBytes") || (key12 === "deadlineStepMs")) || (key12 === "maxServerConnections"))){
const err139 = {instancePath:instancePath+"/streaming",schemaPath:"#/properties/streaming/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.streaming,data:data74};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
let data75 = data74.readaheadBytes;
if(!((typeof data75 == "number") && (!(data75 % 1) && !isNaN(data75)))){
const err140 = {instancePath:instancePath+"/streaming/readaheadBytes",schemaPath:"#/properties/streaming/properties/readaheadBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.streaming.properties.readaheadBytes.type,parentSchema:schema31.properties.streaming.properties.readaheadBytes,data:data75};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if(typeof data75 == "number"){
if(data75 < 1 || isNaN(data75)){
const err141 = {instancePath:instancePath+"/streaming/readaheadBytes",schemaPath:"#/properties/streaming/properties/readaheadBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.streaming.properties.readaheadBytes,data:data75};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
let data76 = data74.deadlineStepMs;
if(!((typeof data76 == "number") && (!(data76 % 1) && !isNaN(data76)))){
const err142 = {instancePath:instancePath+"/streaming/deadlineStepMs",schemaPath:"#/properties/streaming/properties/deadlineStepMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.streaming.properties.deadlineStepMs.type,parentSchema:schema31.properties.streaming.properties.deadlineStepMs,data:data76};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(typeof data76 == "number"){
if(data76 < 1 || isNaN(data76)){
const err143 = {instancePath:instancePath+"/streaming/deadlineStepMs",schemaPath:"#/properties/streaming/properties/deadlineStepMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.streaming.properties.deadlineStepMs,data:data76};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
let data77 = data74.maxServerConnections;
if(!((typeof data77 == "number") && (!(data77 % 1) && !isNaN(data77)))){
const err144 = {instancePath:instancePath+"/streaming/maxServerConnections",schemaPath:"#/properties/streaming/properties/maxServerConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.streaming.properties.maxServerConnections.type,parentSchema:schema31.properties.streaming.properties.maxServerConnections,data:data77};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if(typeof data77 == "number"){
if(data77 < 1 || isNaN(data77)){
const err145 = {instancePath:instancePath+"/streaming/maxServerConnections",schemaPath:"#/properties/streaming/properties/maxServerConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.streaming.properties.maxServerConnections,data:data77};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
}
else {
const err146 = {instancePath:instancePath+"/streaming",schemaPath:"#/properties/streaming/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.streaming.type,parentSchema:schema31.properties.streaming,data:data74};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
else {
const err147 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const dht: ValidateFunction = validate25;
const schema42 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:dht","title":"Options of the built-in dht plugin","description":"The mainline DHT (BEP 5): finds peers for torrents without trackers (magnet links with only an info hash) and announces ours. Never used for private torrents (BEP 27).","type":"object","additionalProperties":false,"properties":{"bootstrap":{"description":"Nodes (HOST:PORT) asked first when the routing table is empty. An empty list starts with no node: the DHT then only learns of nodes that contact it.","type":"array","items":{"type":"string","minLength":1},"default":["router.bittorrent.com:6881","dht.transmissionbt.com:6881","router.utorrent.com:6881"]},"extraBootstrap":{"description":"More bootstrap nodes (HOST:PORT), asked besides those of bootstrap (bt's --dht-node adds here).","type":"array","items":{"type":"string","minLength":1},"default":[]},"port":{"description":"UDP port of the DHT; 0 uses the client's listen port (as libtorrent does): the client's uTP socket when uTP listens, else a socket of its own there (any free port when that one is taken).","type":"integer","minimum":0,"maximum":65535,"default":0},"host":{"description":"IPv4 address the DHT's own UDP socket binds to (the client's shared uTP socket is bound where the client listens).","type":"string","default":"0.0.0.0"},"ipv6":{"description":"Also run an IPv6 node (BEP 32) with its own routing table, on the same port (the client's udp6 uTP socket, or a socket of its own on host6), bootstrapped from the IPv6 addresses of the bootstrap nodes; torrents are looked up and announced on both.","type":"boolean","default":false},"host6":{"description":"IPv6 address the IPv6 node's own UDP socket binds to (with ipv6; the client's shared uTP socket is bound where the client listens).","type":"string","default":"::"},"stateFile":{"description":"File the (IPv4) routing table is saved to on destroy and loaded from at start, so that the next start needs no bootstrap. Empty: not saved.","type":"string","default":""},"maxNodes":{"description":"Most nodes the routing table holds (over all its buckets).","type":"integer","minimum":8,"default":2000},"maxPeersPerTorrent":{"description":"Most peers stored from announce_peer for one info hash.","type":"integer","minimum":1,"default":100},"maxStoredPeers":{"description":"Most peers stored from announce_peer over every info hash.","type":"integer","minimum":1,"default":10000},"maxQueriesPerSecond":{"description":"Queries one address may send per second; an address over it is ignored for a minute.","type":"integer","minimum":1,"default":50},"announceIntervalSeconds":{"description":"How often each torrent is announced to the DHT (and its peers looked up).","type":"integer","minimum":10,"default":900},"fewPeersIntervalSeconds":{"description":"How often a torrent with fewer than 5 peers (a magnet still fetching its metadata, say) is looked up again.","type":"integer","minimum":1,"default":60},"queryTimeoutMs":{"description":"How long a query waits for its reply before the node counts as having failed it.","type":"integer","minimum":100,"default":3000}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:dht" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.bootstrap === undefined){
data.bootstrap = ["router.bittorrent.com:6881","dht.transmissionbt.com:6881","router.utorrent.com:6881"];
}
if(data.extraBootstrap === undefined){
data.extraBootstrap = [];
}
if(data.port === undefined){
data.port = 0;
}
if(data.host === undefined){
data.host = "0.0.0.0";
}
if(data.ipv6 === undefined){
data.ipv6 = false;
}
if(data.host6 === undefined){
data.host6 = "::";
}
if(data.stateFile === undefined){
data.stateFile = "";
}
if(data.maxNodes === undefined){
data.maxNodes = 2000;
}
if(data.maxPeersPerTorrent === undefined){
data.maxPeersPerTorrent = 100;
}
if(data.maxStoredPeers === undefined){
data.maxStoredPeers = 10000;
}
if(data.maxQueriesPerSecond === undefined){
data.maxQueriesPerSecond = 50;
}
if(data.announceIntervalSeconds === undefined){
data.announceIntervalSeconds = 900;
}
if(data.fewPeersIntervalSeconds === undefined){
data.fewPeersIntervalSeconds = 60;
}
if(data.queryTimeoutMs === undefined){
data.queryTimeoutMs = 3000;
}
for(const key0 in data){
if(!(func1.call(schema42.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.bootstrap;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err1 = {instancePath:instancePath+"/bootstrap/" + i0,schemaPath:"#/properties/bootstrap/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.bootstrap.items,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/bootstrap/" + i0,schemaPath:"#/properties/bootstrap/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.bootstrap.items.type,parentSchema:schema42.properties.bootstrap.items,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath:instancePath+"/bootstrap",schemaPath:"#/properties/bootstrap/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema42.properties.bootstrap.type,parentSchema:schema42.properties.bootstrap,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data2 = data.extraBootstrap;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
let data3 = data2[i1];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err4 = {instancePath:instancePath+"/extraBootstrap/" + i1,schemaPath:"#/properties/extraBootstrap/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.extraBootstrap.items,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/extraBootstrap/" + i1,schemaPath:"#/properties/extraBootstrap/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.extraBootstrap.items.type,parentSchema:schema42.properties.extraBootstrap.items,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/extraBootstrap",schemaPath:"#/properties/extraBootstrap/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema42.properties.extraBootstrap.type,parentSchema:schema42.properties.extraBootstrap,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
let data4 = data.port;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err7 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.port.type,parentSchema:schema42.properties.port,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 > 65535 || isNaN(data4)){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema42.properties.port,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data4 < 0 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema42.properties.port,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
let data5 = data.host;
if(typeof data5 !== "string"){
const err10 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.host.type,parentSchema:schema42.properties.host,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
let data6 = data.ipv6;
if(typeof data6 !== "boolean"){
const err11 = {instancePath:instancePath+"/ipv6",schemaPath:"#/properties/ipv6/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema42.properties.ipv6.type,parentSchema:schema42.properties.ipv6,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data7 = data.host6;
if(typeof data7 !== "string"){
const err12 = {instancePath:instancePath+"/host6",schemaPath:"#/properties/host6/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.host6.type,parentSchema:schema42.properties.host6,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data8 = data.stateFile;
if(typeof data8 !== "string"){
const err13 = {instancePath:instancePath+"/stateFile",schemaPath:"#/properties/stateFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.stateFile.type,parentSchema:schema42.properties.stateFile,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
let data9 = data.maxNodes;
if(!((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9)))){
const err14 = {instancePath:instancePath+"/maxNodes",schemaPath:"#/properties/maxNodes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.maxNodes.type,parentSchema:schema42.properties.maxNodes,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(typeof data9 == "number"){
if(data9 < 8 || isNaN(data9)){
const err15 = {instancePath:instancePath+"/maxNodes",schemaPath:"#/properties/maxNodes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 8},message:"must be >= 8",schema:8,parentSchema:schema42.properties.maxNodes,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data10 = data.maxPeersPerTorrent;
if(!((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10)))){
const err16 = {instancePath:instancePath+"/maxPeersPerTorrent",schemaPath:"#/properties/maxPeersPerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.maxPeersPerTorrent.type,parentSchema:schema42.properties.maxPeersPerTorrent,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(typeof data10 == "number"){
if(data10 < 1 || isNaN(data10)){
const err17 = {instancePath:instancePath+"/maxPeersPerTorrent",schemaPath:"#/properties/maxPeersPerTorrent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema42.properties.maxPeersPerTorrent,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let data11 = data.maxStoredPeers;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err18 = {instancePath:instancePath+"/maxStoredPeers",schemaPath:"#/properties/maxStoredPeers/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.maxStoredPeers.type,parentSchema:schema42.properties.maxStoredPeers,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 < 1 || isNaN(data11)){
const err19 = {instancePath:instancePath+"/maxStoredPeers",schemaPath:"#/properties/maxStoredPeers/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema42.properties.maxStoredPeers,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let data12 = data.maxQueriesPerSecond;
if(!((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12)))){
const err20 = {instancePath:instancePath+"/maxQueriesPerSecond",schemaPath:"#/properties/maxQueriesPerSecond/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.maxQueriesPerSecond.type,parentSchema:schema42.properties.maxQueriesPerSecond,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data12 == "number"){
if(data12 < 1 || isNaN(data12)){
const err21 = {instancePath:instancePath+"/maxQueriesPerSecond",schemaPath:"#/properties/maxQueriesPerSecond/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema42.properties.maxQueriesPerSecond,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data13 = data.announceIntervalSeconds;
if(!((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13)))){
const err22 = {instancePath:instancePath+"/announceIntervalSeconds",schemaPath:"#/properties/announceIntervalSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.announceIntervalSeconds.type,parentSchema:schema42.properties.announceIntervalSeconds,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(typeof data13 == "number"){
if(data13 < 10 || isNaN(data13)){
const err23 = {instancePath:instancePath+"/announceIntervalSeconds",schemaPath:"#/properties/announceIntervalSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema42.properties.announceIntervalSeconds,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let data14 = data.fewPeersIntervalSeconds;
if(!((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14)))){
const err24 = {instancePath:instancePath+"/fewPeersIntervalSeconds",schemaPath:"#/properties/fewPeersIntervalSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.fewPeersIntervalSeconds.type,parentSchema:schema42.properties.fewPeersIntervalSeconds,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(typeof data14 == "number"){
if(data14 < 1 || isNaN(data14)){
const err25 = {instancePath:instancePath+"/fewPeersIntervalSeconds",schemaPath:"#/properties/fewPeersIntervalSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema42.properties.fewPeersIntervalSeconds,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
let data15 = data.queryTimeoutMs;
if(!((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15)))){
const err26 = {instancePath:instancePath+"/queryTimeoutMs",schemaPath:"#/properties/queryTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.queryTimeoutMs.type,parentSchema:schema42.properties.queryTimeoutMs,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(typeof data15 == "number"){
if(data15 < 100 || isNaN(data15)){
const err27 = {instancePath:instancePath+"/queryTimeoutMs",schemaPath:"#/properties/queryTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema42.properties.queryTimeoutMs,data:data15};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const ipFilter: ValidateFunction = validate26;
const schema43 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:ip-filter","title":"ip-filter plugin options","description":"Refuses incoming and outgoing connections to banned addresses, and reports each refusal as an ip_filter event.","type":"object","additionalProperties":false,"properties":{"rules":{"description":"Addresses to ban: one address (\"1.2.3.4\", \"2001:db8::1\"), a CIDR block (\"10.0.0.0/8\", \"2001:db8::/32\") or a range (\"1.2.3.0 - 1.2.3.255\"), IPv4 or IPv6; IPv4-mapped IPv6 rules count as IPv4. An object adds a label shown in the ip_filter event's rule.","type":"array","default":[],"items":{"anyOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"required":["range"],"properties":{"range":{"description":"Address, CIDR block or range, as above.","type":"string","minLength":1},"label":{"description":"Why this range is banned.","type":"string"}}}]}},"blocklists":{"description":"Blocklist files to load, relative to the working directory: eMule ipfilter.dat (\"001.002.003.004 - 001.002.003.255 , 000 , label\"; access level 127 or more permits), PeerGuardian text (\"label:1.2.3.0-1.2.3.255\") or one rule per line, optionally gzip-compressed. Lines starting with # are comments; lines that do not parse are reported in a process warning with file and line, and skipped.","type":"array","default":[],"items":{"type":"string","minLength":1}}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:ip-filter" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.rules === undefined){
data.rules = [];
}
if(data.blocklists === undefined){
data.blocklists = [];
}
for(const key0 in data){
if(!((key0 === "rules") || (key0 === "blocklists"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.rules;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
const _errs5 = errors;
let valid3 = false;
const _errs6 = errors;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err1 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.rules.items.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.rules.items.anyOf[0].type,parentSchema:schema43.properties.rules.items.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs6 === errors;
valid3 = valid3 || _valid0;
const _errs8 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.range === undefined){
const err3 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/anyOf/1/required",keyword:"required",params:{missingProperty: "range"},message:"must have required property '"+"range"+"'",schema:schema43.properties.rules.items.anyOf[1].required,parentSchema:schema43.properties.rules.items.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "range") || (key1 === "label"))){
const err4 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.rules.items.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data1.range !== undefined){
let data2 = data1.range;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err5 = {instancePath:instancePath+"/rules/" + i0+"/range",schemaPath:"#/properties/rules/items/anyOf/1/properties/range/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.rules.items.anyOf[1].properties.range,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/rules/" + i0+"/range",schemaPath:"#/properties/rules/items/anyOf/1/properties/range/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.rules.items.anyOf[1].properties.range.type,parentSchema:schema43.properties.rules.items.anyOf[1].properties.range,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.label !== undefined){
let data3 = data1.label;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/rules/" + i0+"/label",schemaPath:"#/properties/rules/items/anyOf/1/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.rules.items.anyOf[1].properties.label.type,parentSchema:schema43.properties.rules.items.anyOf[1].properties.label,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.rules.items.anyOf[1].type,parentSchema:schema43.properties.rules.items.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs8 === errors;
valid3 = valid3 || _valid0;
if(!valid3){
const err9 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema43.properties.rules.items.anyOf,parentSchema:schema43.properties.rules.items,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err10 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.rules.type,parentSchema:schema43.properties.rules,data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
let data4 = data.blocklists;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err11 = {instancePath:instancePath+"/blocklists/" + i1,schemaPath:"#/properties/blocklists/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.blocklists.items,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/blocklists/" + i1,schemaPath:"#/properties/blocklists/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.blocklists.items.type,parentSchema:schema43.properties.blocklists.items,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/blocklists",schemaPath:"#/properties/blocklists/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.blocklists.type,parentSchema:schema43.properties.blocklists,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const logger: ValidateFunction = validate27;
const schema44 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:logger","title":"Options of the built-in logger plugin","description":"Writes events to stderr or a file, as readable lines or JSON lines. An event is logged when its severity is at least level, or when include lists it; exclude wins over both.","type":"object","additionalProperties":false,"properties":{"level":{"description":"Lowest severity logged; \"off\" logs only the events in include. warn and error are the logger names of the severities warning and critical.","enum":["debug","info","warn","warning","error","critical","fatal","off"],"default":"info"},"format":{"description":"text: one readable line per event (coloured on a terminal); json: one JSON object per line.","enum":["text","json"],"default":"text"},"file":{"description":"Append to this file (relative to the working directory) instead of writing to stderr.","type":"string","minLength":1},"color":{"description":"Colour the text format. Default: when writing to a terminal.","type":"boolean"},"include":{"description":"Events logged whatever their severity.","type":"array","items":{"$ref":"#/$defs/eventName"},"uniqueItems":true},"exclude":{"description":"Events never logged.","type":"array","items":{"$ref":"#/$defs/eventName"},"uniqueItems":true}},"$defs":{"eventName":{"description":"An event of the hook table (see the README).","enum":["ip_filter","listen_failure","listen_success","peer_id","peer_handshake_complete","peer_disconnect","peer_data_in","peer_data_out","peer_packet_out","peer_packet_in","file_error","file_open","file_close","file_write","file_read","tracker_announce","tracker_failure","tracker_success","tracker_warning","url_seed","piece_hash_failed","piece_hash_passed","peer_ban","peer_error","invalid_request","tracker_write","tracker_read","torrent_complete","plugin_error","file_recheck","pex_peers","resume_data_error","dht_bootstrap","dht_get_peers","dht_announce","dht_error","torrent_added","torrent_removed","torrent_paused","torrent_resumed","metadata_received","state_changed","torrent_checked","file_completed","stats","lsd_peer","lsd_error","rpc_request","rpc_refused","watch_dir_added","watch_dir_error"]}}};
const schema45 = {"description":"An event of the hook table (see the README).","enum":["ip_filter","listen_failure","listen_success","peer_id","peer_handshake_complete","peer_disconnect","peer_data_in","peer_data_out","peer_packet_out","peer_packet_in","file_error","file_open","file_close","file_write","file_read","tracker_announce","tracker_failure","tracker_success","tracker_warning","url_seed","piece_hash_failed","piece_hash_passed","peer_ban","peer_error","invalid_request","tracker_write","tracker_read","torrent_complete","plugin_error","file_recheck","pex_peers","resume_data_error","dht_bootstrap","dht_get_peers","dht_announce","dht_error","torrent_added","torrent_removed","torrent_paused","torrent_resumed","metadata_received","state_changed","torrent_checked","file_completed","stats","lsd_peer","lsd_error","rpc_request","rpc_refused","watch_dir_added","watch_dir_error"]};

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:logger" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate27.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.level === undefined){
data.level = "info";
}
if(data.format === undefined){
data.format = "text";
}
for(const key0 in data){
if(!((((((key0 === "level") || (key0 === "format")) || (key0 === "file")) || (key0 === "color")) || (key0 === "include")) || (key0 === "exclude"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.level;
if(!((((((((data0 === "debug") || (data0 === "info")) || (data0 === "warn")) || (data0 === "warning")) || (data0 === "error")) || (data0 === "critical")) || (data0 === "fatal")) || (data0 === "off"))){
const err1 = {instancePath:instancePath+"/level",schemaPath:"#/properties/level/enum",keyword:"enum",params:{allowedValues: schema44.properties.level.enum},message:"must be equal to one of the allowed values",schema:schema44.properties.level.enum,parentSchema:schema44.properties.level,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
let data1 = data.format;
if(!((data1 === "text") || (data1 === "json"))){
const err2 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/enum",keyword:"enum",params:{allowedValues: schema44.properties.format.enum},message:"must be equal to one of the allowed values",schema:schema44.properties.format.enum,parentSchema:schema44.properties.format,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.file !== undefined){
let data2 = data.file;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err3 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.properties.file,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.file.type,parentSchema:schema44.properties.file,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.color !== undefined){
let data3 = data.color;
if(typeof data3 !== "boolean"){
const err5 = {instancePath:instancePath+"/color",schemaPath:"#/properties/color/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.color.type,parentSchema:schema44.properties.color,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.include !== undefined){
let data4 = data.include;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(!(((((((((((((((((((((((((((((((((((((((((((((((((((data5 === "ip_filter") || (data5 === "listen_failure")) || (data5 === "listen_success")) || (data5 === "peer_id")) || (data5 === "peer_handshake_complete")) || (data5 === "peer_disconnect")) || (data5 === "peer_data_in")) || (data5 === "peer_data_out")) || (data5 === "peer_packet_out")) || (data5 === "peer_packet_in")) || (data5 === "file_error")) || (data5 === "file_open")) || (data5 === "file_close")) || (data5 === "file_write")) || (data5 === "file_read")) || (data5 === "tracker_announce")) || (data5 === "tracker_failure")) || (data5 === "tracker_success")) || (data5 === "tracker_warning")) || (data5 === "url_seed")) || (data5 === "piece_hash_failed")) || (data5 === "piece_hash_passed")) || (data5 === "peer_ban")) || (data5 === "peer_error")) || (data5 === "invalid_request")) || (data5 === "tracker_write")) || (data5 === "tracker_read")) || (data5 === "torrent_complete")) || (data5 === "plugin_error")) || (data5 === "file_recheck")) || (data5 === "pex_peers")) || (data5 === "resume_data_error")) || (data5 === "dht_bootstrap")) || (data5 === "dht_get_peers")) || (data5 === "dht_announce")) || (data5 === "dht_error")) || (data5 === "torrent_added")) || (data5 === "torrent_removed")) || (data5 === "torrent_paused")) || (data5 === "torrent_resumed")) || (data5 === "metadata_received")) || (data5 === "state_changed")) || (data5 === "torrent_checked")) || (data5 === "file_completed")) || (data5 === "stats")) || (data5 === "lsd_peer")) || (data5 === "lsd_error")) || (data5 === "rpc_request")) || (data5 === "rpc_refused")) || (data5 === "watch_dir_added")) || (data5 === "watch_dir_error"))){
const err6 = {instancePath:instancePath+"/include/" + i0,schemaPath:"#/$defs/eventName/enum",keyword:"enum",params:{allowedValues: schema45.enum},message:"must be equal to one of the allowed values",schema:schema45.enum,parentSchema:schema45,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data4[i1], data4[j0])){
const err7 = {instancePath:instancePath+"/include",schemaPath:"#/properties/include/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema44.properties.include,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err8 = {instancePath:instancePath+"/include",schemaPath:"#/properties/include/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.include.type,parentSchema:schema44.properties.include,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.exclude !== undefined){
let data6 = data.exclude;
if(Array.isArray(data6)){
const len1 = data6.length;
for(let i2=0; i2<len1; i2++){
let data7 = data6[i2];
if(!(((((((((((((((((((((((((((((((((((((((((((((((((((data7 === "ip_filter") || (data7 === "listen_failure")) || (data7 === "listen_success")) || (data7 === "peer_id")) || (data7 === "peer_handshake_complete")) || (data7 === "peer_disconnect")) || (data7 === "peer_data_in")) || (data7 === "peer_data_out")) || (data7 === "peer_packet_out")) || (data7 === "peer_packet_in")) || (data7 === "file_error")) || (data7 === "file_open")) || (data7 === "file_close")) || (data7 === "file_write")) || (data7 === "file_read")) || (data7 === "tracker_announce")) || (data7 === "tracker_failure")) || (data7 === "tracker_success")) || (data7 === "tracker_warning")) || (data7 === "url_seed")) || (data7 === "piece_hash_failed")) || (data7 === "piece_hash_passed")) || (data7 === "peer_ban")) || (data7 === "peer_error")) || (data7 === "invalid_request")) || (data7 === "tracker_write")) || (data7 === "tracker_read")) || (data7 === "torrent_complete")) || (data7 === "plugin_error")) || (data7 === "file_recheck")) || (data7 === "pex_peers")) || (data7 === "resume_data_error")) || (data7 === "dht_bootstrap")) || (data7 === "dht_get_peers")) || (data7 === "dht_announce")) || (data7 === "dht_error")) || (data7 === "torrent_added")) || (data7 === "torrent_removed")) || (data7 === "torrent_paused")) || (data7 === "torrent_resumed")) || (data7 === "metadata_received")) || (data7 === "state_changed")) || (data7 === "torrent_checked")) || (data7 === "file_completed")) || (data7 === "stats")) || (data7 === "lsd_peer")) || (data7 === "lsd_error")) || (data7 === "rpc_request")) || (data7 === "rpc_refused")) || (data7 === "watch_dir_added")) || (data7 === "watch_dir_error"))){
const err9 = {instancePath:instancePath+"/exclude/" + i2,schemaPath:"#/$defs/eventName/enum",keyword:"enum",params:{allowedValues: schema45.enum},message:"must be equal to one of the allowed values",schema:schema45.enum,parentSchema:schema45,data:data7};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
let i3 = data6.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data6[i3], data6[j1])){
const err10 = {instancePath:instancePath+"/exclude",schemaPath:"#/properties/exclude/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema44.properties.exclude,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/exclude",schemaPath:"#/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.exclude.type,parentSchema:schema44.properties.exclude,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.type,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}
validate27.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const lsd: ValidateFunction = validate28;
const schema47 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:lsd","title":"Options of the built-in lsd plugin","description":"Local Service Discovery (BEP 14): announces each public torrent to the local network by UDP multicast, and dials the peers that announce the same torrents. Never used for private torrents (BEP 27).","type":"object","additionalProperties":false,"properties":{"intervalSeconds":{"description":"Time between two announces of one torrent (libtorrent: 5 minutes); a torrent is announced when added, then at this interval, never more often.","type":"integer","default":300,"minimum":1},"group":{"description":"IPv4 multicast group of the announces (BEP 14: 239.192.152.143).","type":"string","default":"239.192.152.143"},"port":{"description":"UDP port of the group (BEP 14: 6771).","type":"integer","default":6771,"minimum":1,"maximum":65535},"interface":{"description":"IPv4 address of the interface to announce and listen on; empty: the system's default multicast interface.","type":"string","default":""},"maxDatagramsPerSecond":{"description":"Datagrams taken from one source address per second; more are dropped (an lsd_error LSD_FLOOD once a second at most).","type":"integer","default":10,"minimum":1}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:lsd" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.intervalSeconds === undefined){
data.intervalSeconds = 300;
}
if(data.group === undefined){
data.group = "239.192.152.143";
}
if(data.port === undefined){
data.port = 6771;
}
if(data.interface === undefined){
data.interface = "";
}
if(data.maxDatagramsPerSecond === undefined){
data.maxDatagramsPerSecond = 10;
}
for(const key0 in data){
if(!(((((key0 === "intervalSeconds") || (key0 === "group")) || (key0 === "port")) || (key0 === "interface")) || (key0 === "maxDatagramsPerSecond"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.intervalSeconds;
if(!((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0)))){
const err1 = {instancePath:instancePath+"/intervalSeconds",schemaPath:"#/properties/intervalSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.intervalSeconds.type,parentSchema:schema47.properties.intervalSeconds,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(typeof data0 == "number"){
if(data0 < 1 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/intervalSeconds",schemaPath:"#/properties/intervalSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.intervalSeconds,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let data1 = data.group;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.group.type,parentSchema:schema47.properties.group,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data2 = data.port;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.port.type,parentSchema:schema47.properties.port,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 > 65535 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema47.properties.port,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.port,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let data3 = data.interface;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/interface",schemaPath:"#/properties/interface/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.interface.type,parentSchema:schema47.properties.interface,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data4 = data.maxDatagramsPerSecond;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err8 = {instancePath:instancePath+"/maxDatagramsPerSecond",schemaPath:"#/properties/maxDatagramsPerSecond/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.maxDatagramsPerSecond.type,parentSchema:schema47.properties.maxDatagramsPerSecond,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 < 1 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/maxDatagramsPerSecond",schemaPath:"#/properties/maxDatagramsPerSecond/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.maxDatagramsPerSecond,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const peerBan: ValidateFunction = validate29;
const schema48 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:peer-ban","title":"peer-ban plugin options","description":"Finds the peers behind pieces that fail their hash check and bans them. Block-level evidence (a SHA-1 of every block of a failed piece, compared with the piece once it passes) names the sender of a bad block; where blocks cannot tell, a trust score per address decides. Every decision goes through the ban_peer policy hook, so a plugin can veto or decide first.","type":"object","additionalProperties":false,"properties":{"smartBan":{"description":"Keep block-level evidence: ban an address whose block of a failed piece differs from the block that made the piece pass, or that sent one block twice with different data.","type":"boolean","default":true},"banSoleSender":{"description":"Ban at once an address that alone sent every block of a piece that failed.","type":"boolean","default":true},"parole":{"description":"Put every address that sent a block of a failed piece on parole: its peers download only whole pieces of their own (through the parole_peer policy hook) until a piece it sent alone passes (cleared) or fails (banned, as proven). Without parole, an honest peer that shares pieces with a corrupter is judged together with it.","type":"boolean","default":true},"trustPenalty":{"description":"Trust points an address loses for each failed piece it sent a block of (given back if evidence later clears it). While a failed piece's block evidence is pending (it has not passed since), its penalty does not count towards banThreshold.","type":"integer","minimum":0,"default":2},"trustReward":{"description":"Trust points an address gains for each passed piece it sent a block of.","type":"integer","minimum":0,"default":1},"trustMax":{"description":"Highest trust score: a long honest history buys only this much credit.","type":"integer","minimum":0,"default":8},"banThreshold":{"description":"Ban an address whose trust score falls to this value or below. Every address starts at 0.","type":"integer","maximum":-1,"default":-7},"maxHashFails":{"description":"Also ban an address once it took part in this many failed pieces that evidence did not clear, whatever its trust score. Absent: trust alone decides.","type":"integer","minimum":1},"scope":{"description":"Ban from the torrent the bad data was for, or from every torrent of the client.","enum":["torrent","client"],"default":"torrent"},"banDurationMs":{"description":"How long a ban lasts, in milliseconds; 0 bans for as long as the client runs.","type":"integer","minimum":0,"default":0},"banWebSeeds":{"description":"Also judge web seeds (BEP 19), banned by their URL. When false, blocks from web seeds still serve as evidence but web seeds are never banned.","type":"boolean","default":true},"maxEvidenceBlocks":{"description":"Most block records kept per torrent; the pieces that failed longest ago are forgotten first. A record is a SHA-1 and an address, about 100 bytes.","type":"integer","minimum":1,"default":16384},"maxTrackedPeers":{"description":"Most addresses whose trust score is kept per torrent; the longest-unseen addresses in good standing are forgotten first.","type":"integer","minimum":1,"default":4096}}};

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:peer-ban" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.smartBan === undefined){
data.smartBan = true;
}
if(data.banSoleSender === undefined){
data.banSoleSender = true;
}
if(data.parole === undefined){
data.parole = true;
}
if(data.trustPenalty === undefined){
data.trustPenalty = 2;
}
if(data.trustReward === undefined){
data.trustReward = 1;
}
if(data.trustMax === undefined){
data.trustMax = 8;
}
if(data.banThreshold === undefined){
data.banThreshold = -7;
}
if(data.scope === undefined){
data.scope = "torrent";
}
if(data.banDurationMs === undefined){
data.banDurationMs = 0;
}
if(data.banWebSeeds === undefined){
data.banWebSeeds = true;
}
if(data.maxEvidenceBlocks === undefined){
data.maxEvidenceBlocks = 16384;
}
if(data.maxTrackedPeers === undefined){
data.maxTrackedPeers = 4096;
}
for(const key0 in data){
if(!(func1.call(schema48.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.smartBan;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/smartBan",schemaPath:"#/properties/smartBan/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.smartBan.type,parentSchema:schema48.properties.smartBan,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
let data1 = data.banSoleSender;
if(typeof data1 !== "boolean"){
const err2 = {instancePath:instancePath+"/banSoleSender",schemaPath:"#/properties/banSoleSender/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.banSoleSender.type,parentSchema:schema48.properties.banSoleSender,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
let data2 = data.parole;
if(typeof data2 !== "boolean"){
const err3 = {instancePath:instancePath+"/parole",schemaPath:"#/properties/parole/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.parole.type,parentSchema:schema48.properties.parole,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data3 = data.trustPenalty;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
const err4 = {instancePath:instancePath+"/trustPenalty",schemaPath:"#/properties/trustPenalty/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.trustPenalty.type,parentSchema:schema48.properties.trustPenalty,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(typeof data3 == "number"){
if(data3 < 0 || isNaN(data3)){
const err5 = {instancePath:instancePath+"/trustPenalty",schemaPath:"#/properties/trustPenalty/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema48.properties.trustPenalty,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let data4 = data.trustReward;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err6 = {instancePath:instancePath+"/trustReward",schemaPath:"#/properties/trustReward/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.trustReward.type,parentSchema:schema48.properties.trustReward,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 < 0 || isNaN(data4)){
const err7 = {instancePath:instancePath+"/trustReward",schemaPath:"#/properties/trustReward/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema48.properties.trustReward,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data5 = data.trustMax;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
const err8 = {instancePath:instancePath+"/trustMax",schemaPath:"#/properties/trustMax/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.trustMax.type,parentSchema:schema48.properties.trustMax,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(typeof data5 == "number"){
if(data5 < 0 || isNaN(data5)){
const err9 = {instancePath:instancePath+"/trustMax",schemaPath:"#/properties/trustMax/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema48.properties.trustMax,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
let data6 = data.banThreshold;
if(!((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6)))){
const err10 = {instancePath:instancePath+"/banThreshold",schemaPath:"#/properties/banThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.banThreshold.type,parentSchema:schema48.properties.banThreshold,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(typeof data6 == "number"){
if(data6 > -1 || isNaN(data6)){
const err11 = {instancePath:instancePath+"/banThreshold",schemaPath:"#/properties/banThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: -1},message:"must be <= -1",schema:-1,parentSchema:schema48.properties.banThreshold,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.maxHashFails !== undefined){
let data7 = data.maxHashFails;
if(!((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7)))){
const err12 = {instancePath:instancePath+"/maxHashFails",schemaPath:"#/properties/maxHashFails/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.maxHashFails.type,parentSchema:schema48.properties.maxHashFails,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(typeof data7 == "number"){
if(data7 < 1 || isNaN(data7)){
const err13 = {instancePath:instancePath+"/maxHashFails",schemaPath:"#/properties/maxHashFails/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.maxHashFails,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
let data8 = data.scope;
if(!((data8 === "torrent") || (data8 === "client"))){
const err14 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/enum",keyword:"enum",params:{allowedValues: schema48.properties.scope.enum},message:"must be equal to one of the allowed values",schema:schema48.properties.scope.enum,parentSchema:schema48.properties.scope,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
let data9 = data.banDurationMs;
if(!((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9)))){
const err15 = {instancePath:instancePath+"/banDurationMs",schemaPath:"#/properties/banDurationMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.banDurationMs.type,parentSchema:schema48.properties.banDurationMs,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(typeof data9 == "number"){
if(data9 < 0 || isNaN(data9)){
const err16 = {instancePath:instancePath+"/banDurationMs",schemaPath:"#/properties/banDurationMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema48.properties.banDurationMs,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let data10 = data.banWebSeeds;
if(typeof data10 !== "boolean"){
const err17 = {instancePath:instancePath+"/banWebSeeds",schemaPath:"#/properties/banWebSeeds/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.banWebSeeds.type,parentSchema:schema48.properties.banWebSeeds,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
let data11 = data.maxEvidenceBlocks;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err18 = {instancePath:instancePath+"/maxEvidenceBlocks",schemaPath:"#/properties/maxEvidenceBlocks/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.maxEvidenceBlocks.type,parentSchema:schema48.properties.maxEvidenceBlocks,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 < 1 || isNaN(data11)){
const err19 = {instancePath:instancePath+"/maxEvidenceBlocks",schemaPath:"#/properties/maxEvidenceBlocks/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.maxEvidenceBlocks,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let data12 = data.maxTrackedPeers;
if(!((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12)))){
const err20 = {instancePath:instancePath+"/maxTrackedPeers",schemaPath:"#/properties/maxTrackedPeers/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.maxTrackedPeers.type,parentSchema:schema48.properties.maxTrackedPeers,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data12 == "number"){
if(data12 < 1 || isNaN(data12)){
const err21 = {instancePath:instancePath+"/maxTrackedPeers",schemaPath:"#/properties/maxTrackedPeers/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.maxTrackedPeers,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const pex: ValidateFunction = validate30;
const schema49 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:pex","title":"Options of the built-in pex plugin","description":"Peer exchange (BEP 11, ut_pex): tells each peer of a public torrent which peers we connected to and dropped, and dials the peers it tells us of through the torrent's normal path (allow_connection, the ban list). Never used on private torrents.","type":"object","additionalProperties":false,"properties":{"intervalMs":{"description":"Time between two PEX messages to one peer, and before the first (libtorrent and BEP 11: a minute). Messages a peer sends faster than half of it are ignored.","type":"integer","default":60000,"minimum":100},"maxPeersPerMessage":{"description":"Added peers (and dropped peers) per message we send; BEP 11 says at most 50.","type":"integer","default":50,"minimum":1,"maximum":50}}};

function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:pex" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.intervalMs === undefined){
data.intervalMs = 60000;
}
if(data.maxPeersPerMessage === undefined){
data.maxPeersPerMessage = 50;
}
for(const key0 in data){
if(!((key0 === "intervalMs") || (key0 === "maxPeersPerMessage"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.intervalMs;
if(!((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0)))){
const err1 = {instancePath:instancePath+"/intervalMs",schemaPath:"#/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema49.properties.intervalMs.type,parentSchema:schema49.properties.intervalMs,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(typeof data0 == "number"){
if(data0 < 100 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/intervalMs",schemaPath:"#/properties/intervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema49.properties.intervalMs,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let data1 = data.maxPeersPerMessage;
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err3 = {instancePath:instancePath+"/maxPeersPerMessage",schemaPath:"#/properties/maxPeersPerMessage/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema49.properties.maxPeersPerMessage.type,parentSchema:schema49.properties.maxPeersPerMessage,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 > 50 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/maxPeersPerMessage",schemaPath:"#/properties/maxPeersPerMessage/maximum",keyword:"maximum",params:{comparison: "<=", limit: 50},message:"must be <= 50",schema:50,parentSchema:schema49.properties.maxPeersPerMessage,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/maxPeersPerMessage",schemaPath:"#/properties/maxPeersPerMessage/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema49.properties.maxPeersPerMessage,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const trackerFailover: ValidateFunction = validate31;
const schema50 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:tracker-failover","title":"Options of the built-in tracker-failover plugin","description":"Which trackers of a torrent to announce to (BEP 12 tiers), and how long a failing tracker waits before it is tried again. Without options it behaves like libtorrent's defaults.","type":"object","additionalProperties":false,"properties":{"announceToAllTiers":{"description":"Announce to one tracker in every tier at once, instead of only the first tier that has a tracker to try (libtorrent's announce_to_all_tiers).","type":"boolean","default":false},"announceToAllTrackers":{"description":"Announce to every tracker of a tier at once, instead of the first one that is not backing off (libtorrent's announce_to_all_trackers).","type":"boolean","default":false},"shuffleTiers":{"description":"Shuffle the trackers of each tier once, when the torrent is first announced, as BEP 12 asks.","type":"boolean","default":true},"backoffBaseSeconds":{"description":"Wait after a tracker's first failure, and the unit of the growth: a tracker that failed n times in a row waits backoffBaseSeconds + backoffBaseSeconds * backoffPercent / 100 * n^2 seconds (libtorrent's tracker_retry_delay_min).","type":"number","default":5,"exclusiveMinimum":0},"backoffPercent":{"description":"How fast the wait grows with failures in a row, in percent (libtorrent's tracker_backoff).","type":"number","minimum":0,"default":250},"maxBackoffSeconds":{"description":"Longest wait before a failing tracker is tried again (libtorrent's tracker_retry_delay_max).","type":"number","default":3600,"exclusiveMinimum":0}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:tracker-failover" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.announceToAllTiers === undefined){
data.announceToAllTiers = false;
}
if(data.announceToAllTrackers === undefined){
data.announceToAllTrackers = false;
}
if(data.shuffleTiers === undefined){
data.shuffleTiers = true;
}
if(data.backoffBaseSeconds === undefined){
data.backoffBaseSeconds = 5;
}
if(data.backoffPercent === undefined){
data.backoffPercent = 250;
}
if(data.maxBackoffSeconds === undefined){
data.maxBackoffSeconds = 3600;
}
for(const key0 in data){
if(!((((((key0 === "announceToAllTiers") || (key0 === "announceToAllTrackers")) || (key0 === "shuffleTiers")) || (key0 === "backoffBaseSeconds")) || (key0 === "backoffPercent")) || (key0 === "maxBackoffSeconds"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.announceToAllTiers;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/announceToAllTiers",schemaPath:"#/properties/announceToAllTiers/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema50.properties.announceToAllTiers.type,parentSchema:schema50.properties.announceToAllTiers,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
let data1 = data.announceToAllTrackers;
if(typeof data1 !== "boolean"){
const err2 = {instancePath:instancePath+"/announceToAllTrackers",schemaPath:"#/properties/announceToAllTrackers/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema50.properties.announceToAllTrackers.type,parentSchema:schema50.properties.announceToAllTrackers,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
let data2 = data.shuffleTiers;
if(typeof data2 !== "boolean"){
const err3 = {instancePath:instancePath+"/shuffleTiers",schemaPath:"#/properties/shuffleTiers/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema50.properties.shuffleTiers.type,parentSchema:schema50.properties.shuffleTiers,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data3 = data.backoffBaseSeconds;
if(typeof data3 == "number"){
if(data3 <= 0 || isNaN(data3)){
const err4 = {instancePath:instancePath+"/backoffBaseSeconds",schemaPath:"#/properties/backoffBaseSeconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema50.properties.backoffBaseSeconds,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/backoffBaseSeconds",schemaPath:"#/properties/backoffBaseSeconds/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.backoffBaseSeconds.type,parentSchema:schema50.properties.backoffBaseSeconds,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data4 = data.backoffPercent;
if(typeof data4 == "number"){
if(data4 < 0 || isNaN(data4)){
const err6 = {instancePath:instancePath+"/backoffPercent",schemaPath:"#/properties/backoffPercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.backoffPercent,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/backoffPercent",schemaPath:"#/properties/backoffPercent/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.backoffPercent.type,parentSchema:schema50.properties.backoffPercent,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data5 = data.maxBackoffSeconds;
if(typeof data5 == "number"){
if(data5 <= 0 || isNaN(data5)){
const err8 = {instancePath:instancePath+"/maxBackoffSeconds",schemaPath:"#/properties/maxBackoffSeconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema50.properties.maxBackoffSeconds,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/maxBackoffSeconds",schemaPath:"#/properties/maxBackoffSeconds/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.maxBackoffSeconds.type,parentSchema:schema50.properties.maxBackoffSeconds,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const transmissionRpc: ValidateFunction = validate32;
const schema51 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:transmission-rpc","title":"Options of the built-in transmission-rpc plugin","description":"Transmission's RPC (JSON over HTTP at /transmission/rpc, with the X-Transmission-Session-Id handshake), so that transmission-remote and other Transmission clients drive swarmhook. On by default in `bt daemon` only. Every request that changes state goes through the allow_rpc_request policy hook and fires rpc_request; refusals fire rpc_refused.","type":"object","additionalProperties":false,"properties":{"host":{"description":"Address the HTTP server binds to. Any address other than a loopback one requires username and password.","type":"string","default":"127.0.0.1"},"port":{"description":"TCP port of the HTTP server (Transmission's is 9091); 0 lets the system choose.","type":"integer","minimum":0,"maximum":65535,"default":9091},"username":{"description":"Basic auth user name; empty: no authentication (allowed on loopback addresses only).","type":"string","default":""},"password":{"description":"Basic auth password (keep the .btrc readable by its owner only).","type":"string","default":""},"hostWhitelist":{"description":"Host header names (without port) a request may carry, against DNS rebinding; the bound address is always allowed. Empty: any Host.","type":"array","items":{"type":"string","minLength":1},"default":["localhost","127.0.0.1","::1"]},"downloadRoots":{"description":"Folders an RPC request may name (download-dir, a torrent file to add, free-space): the folder given must be inside one of them once symbolic links are resolved. Empty: only the client's downloadDir.","type":"array","items":{"type":"string","minLength":1},"default":[]},"maxBodyBytes":{"description":"Largest request body accepted (a torrent-add carries the .torrent in base64); larger ones get 413 and the connection is closed.","type":"integer","minimum":1024,"default":8388608},"maxJsonDepth":{"description":"Deepest nesting of arrays and objects in a request body; deeper bodies are refused before they are parsed.","type":"integer","minimum":4,"maximum":1000,"default":32},"requestsPerSecond":{"description":"Requests one client address may make per second on average (a token bucket of burst twice this); over it: 429.","type":"integer","minimum":1,"default":50},"maxFailedLogins":{"description":"Failed logins from one address within loginWindowMs before that address is refused (429) until the window has passed, right password or not.","type":"integer","minimum":1,"default":5},"loginWindowMs":{"description":"The window of maxFailedLogins, in milliseconds.","type":"integer","minimum":1000,"default":60000},"maxTrackedAddresses":{"description":"Client addresses whose request rate and failed logins are remembered; when full, the least recently seen is forgotten.","type":"integer","minimum":16,"default":4096},"maxConnections":{"description":"HTTP connections open at once; more are closed at once.","type":"integer","minimum":1,"default":64}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:transmission-rpc" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate32.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.host === undefined){
data.host = "127.0.0.1";
}
if(data.port === undefined){
data.port = 9091;
}
if(data.username === undefined){
data.username = "";
}
if(data.password === undefined){
data.password = "";
}
if(data.hostWhitelist === undefined){
data.hostWhitelist = ["localhost","127.0.0.1","::1"];
}
if(data.downloadRoots === undefined){
data.downloadRoots = [];
}
if(data.maxBodyBytes === undefined){
data.maxBodyBytes = 8388608;
}
if(data.maxJsonDepth === undefined){
data.maxJsonDepth = 32;
}
if(data.requestsPerSecond === undefined){
data.requestsPerSecond = 50;
}
if(data.maxFailedLogins === undefined){
data.maxFailedLogins = 5;
}
if(data.loginWindowMs === undefined){
data.loginWindowMs = 60000;
}
if(data.maxTrackedAddresses === undefined){
data.maxTrackedAddresses = 4096;
}
if(data.maxConnections === undefined){
data.maxConnections = 64;
}
for(const key0 in data){
if(!(func1.call(schema51.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.host;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.host.type,parentSchema:schema51.properties.host,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
let data1 = data.port;
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err2 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.port.type,parentSchema:schema51.properties.port,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 > 65535 || isNaN(data1)){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema51.properties.port,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema51.properties.port,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let data2 = data.username;
if(typeof data2 !== "string"){
const err5 = {instancePath:instancePath+"/username",schemaPath:"#/properties/username/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.username.type,parentSchema:schema51.properties.username,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data3 = data.password;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/password",schemaPath:"#/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.password.type,parentSchema:schema51.properties.password,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
let data4 = data.hostWhitelist;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err7 = {instancePath:instancePath+"/hostWhitelist/" + i0,schemaPath:"#/properties/hostWhitelist/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema51.properties.hostWhitelist.items,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/hostWhitelist/" + i0,schemaPath:"#/properties/hostWhitelist/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.hostWhitelist.items.type,parentSchema:schema51.properties.hostWhitelist.items,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/hostWhitelist",schemaPath:"#/properties/hostWhitelist/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema51.properties.hostWhitelist.type,parentSchema:schema51.properties.hostWhitelist,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
let data6 = data.downloadRoots;
if(Array.isArray(data6)){
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
let data7 = data6[i1];
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err10 = {instancePath:instancePath+"/downloadRoots/" + i1,schemaPath:"#/properties/downloadRoots/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema51.properties.downloadRoots.items,data:data7};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/downloadRoots/" + i1,schemaPath:"#/properties/downloadRoots/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.downloadRoots.items.type,parentSchema:schema51.properties.downloadRoots.items,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/downloadRoots",schemaPath:"#/properties/downloadRoots/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema51.properties.downloadRoots.type,parentSchema:schema51.properties.downloadRoots,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data8 = data.maxBodyBytes;
if(!((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8)))){
const err13 = {instancePath:instancePath+"/maxBodyBytes",schemaPath:"#/properties/maxBodyBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.maxBodyBytes.type,parentSchema:schema51.properties.maxBodyBytes,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(typeof data8 == "number"){
if(data8 < 1024 || isNaN(data8)){
const err14 = {instancePath:instancePath+"/maxBodyBytes",schemaPath:"#/properties/maxBodyBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema51.properties.maxBodyBytes,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
let data9 = data.maxJsonDepth;
if(!((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9)))){
const err15 = {instancePath:instancePath+"/maxJsonDepth",schemaPath:"#/properties/maxJsonDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.maxJsonDepth.type,parentSchema:schema51.properties.maxJsonDepth,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(typeof data9 == "number"){
if(data9 > 1000 || isNaN(data9)){
const err16 = {instancePath:instancePath+"/maxJsonDepth",schemaPath:"#/properties/maxJsonDepth/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema51.properties.maxJsonDepth,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data9 < 4 || isNaN(data9)){
const err17 = {instancePath:instancePath+"/maxJsonDepth",schemaPath:"#/properties/maxJsonDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 4},message:"must be >= 4",schema:4,parentSchema:schema51.properties.maxJsonDepth,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let data10 = data.requestsPerSecond;
if(!((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10)))){
const err18 = {instancePath:instancePath+"/requestsPerSecond",schemaPath:"#/properties/requestsPerSecond/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.requestsPerSecond.type,parentSchema:schema51.properties.requestsPerSecond,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(typeof data10 == "number"){
if(data10 < 1 || isNaN(data10)){
const err19 = {instancePath:instancePath+"/requestsPerSecond",schemaPath:"#/properties/requestsPerSecond/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema51.properties.requestsPerSecond,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let data11 = data.maxFailedLogins;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err20 = {instancePath:instancePath+"/maxFailedLogins",schemaPath:"#/properties/maxFailedLogins/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.maxFailedLogins.type,parentSchema:schema51.properties.maxFailedLogins,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 < 1 || isNaN(data11)){
const err21 = {instancePath:instancePath+"/maxFailedLogins",schemaPath:"#/properties/maxFailedLogins/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema51.properties.maxFailedLogins,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data12 = data.loginWindowMs;
if(!((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12)))){
const err22 = {instancePath:instancePath+"/loginWindowMs",schemaPath:"#/properties/loginWindowMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.loginWindowMs.type,parentSchema:schema51.properties.loginWindowMs,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(typeof data12 == "number"){
if(data12 < 1000 || isNaN(data12)){
const err23 = {instancePath:instancePath+"/loginWindowMs",schemaPath:"#/properties/loginWindowMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1000},message:"must be >= 1000",schema:1000,parentSchema:schema51.properties.loginWindowMs,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let data13 = data.maxTrackedAddresses;
if(!((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13)))){
const err24 = {instancePath:instancePath+"/maxTrackedAddresses",schemaPath:"#/properties/maxTrackedAddresses/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.maxTrackedAddresses.type,parentSchema:schema51.properties.maxTrackedAddresses,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(typeof data13 == "number"){
if(data13 < 16 || isNaN(data13)){
const err25 = {instancePath:instancePath+"/maxTrackedAddresses",schemaPath:"#/properties/maxTrackedAddresses/minimum",keyword:"minimum",params:{comparison: ">=", limit: 16},message:"must be >= 16",schema:16,parentSchema:schema51.properties.maxTrackedAddresses,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
let data14 = data.maxConnections;
if(!((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14)))){
const err26 = {instancePath:instancePath+"/maxConnections",schemaPath:"#/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema51.properties.maxConnections.type,parentSchema:schema51.properties.maxConnections,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(typeof data14 == "number"){
if(data14 < 1 || isNaN(data14)){
const err27 = {instancePath:instancePath+"/maxConnections",schemaPath:"#/properties/maxConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema51.properties.maxConnections,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}
validate32.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const utMetadata: ValidateFunction = validate33;
const schema52 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:ut-metadata","title":"Options of the built-in ut-metadata plugin","description":"Metadata exchange (BEP 9, ut_metadata): serves the info dictionary of our torrents to peers that ask for it, and fetches the info dictionary of a magnet link from its peers, checked against the info hash. Without it (or another metadata source) a client cannot add magnet links.","type":"object","additionalProperties":false,"properties":{"maxMetadataSize":{"description":"Largest info dictionary fetched, in bytes: peers announcing a larger metadata_size are not asked (libtorrent's max_metadata_size is 30 MiB; real ones stay far below).","type":"integer","default":16777216,"minimum":1,"maximum":33554432},"requestWindow":{"description":"Metadata pieces (16 KiB each) requested from the source peer at once.","type":"integer","default":4,"minimum":1,"maximum":64},"requestTimeoutMs":{"description":"A source that leaves a request unanswered this long is set aside and the next peer is asked.","type":"integer","default":10000,"minimum":100},"retryMs":{"description":"A peer that rejected a request or stalled is asked again after this.","type":"integer","default":10000,"minimum":100},"maxQueuedBytes":{"description":"A request finding more than this many bytes queued for the peer (not yet taken by its socket) is rejected: the peer is not reading what we send.","type":"integer","default":1048576,"minimum":16384}}};

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:ut-metadata" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate33.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.maxMetadataSize === undefined){
data.maxMetadataSize = 16777216;
}
if(data.requestWindow === undefined){
data.requestWindow = 4;
}
if(data.requestTimeoutMs === undefined){
data.requestTimeoutMs = 10000;
}
if(data.retryMs === undefined){
data.retryMs = 10000;
}
if(data.maxQueuedBytes === undefined){
data.maxQueuedBytes = 1048576;
}
for(const key0 in data){
if(!(((((key0 === "maxMetadataSize") || (key0 === "requestWindow")) || (key0 === "requestTimeoutMs")) || (key0 === "retryMs")) || (key0 === "maxQueuedBytes"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.maxMetadataSize;
if(!((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0)))){
const err1 = {instancePath:instancePath+"/maxMetadataSize",schemaPath:"#/properties/maxMetadataSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.maxMetadataSize.type,parentSchema:schema52.properties.maxMetadataSize,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(typeof data0 == "number"){
if(data0 > 33554432 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/maxMetadataSize",schemaPath:"#/properties/maxMetadataSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 33554432},message:"must be <= 33554432",schema:33554432,parentSchema:schema52.properties.maxMetadataSize,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/maxMetadataSize",schemaPath:"#/properties/maxMetadataSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema52.properties.maxMetadataSize,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let data1 = data.requestWindow;
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err4 = {instancePath:instancePath+"/requestWindow",schemaPath:"#/properties/requestWindow/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.requestWindow.type,parentSchema:schema52.properties.requestWindow,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 > 64 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/requestWindow",schemaPath:"#/properties/requestWindow/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema52.properties.requestWindow,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/requestWindow",schemaPath:"#/properties/requestWindow/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema52.properties.requestWindow,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let data2 = data.requestTimeoutMs;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err7 = {instancePath:instancePath+"/requestTimeoutMs",schemaPath:"#/properties/requestTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.requestTimeoutMs.type,parentSchema:schema52.properties.requestTimeoutMs,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 < 100 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/requestTimeoutMs",schemaPath:"#/properties/requestTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema52.properties.requestTimeoutMs,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let data3 = data.retryMs;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
const err9 = {instancePath:instancePath+"/retryMs",schemaPath:"#/properties/retryMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.retryMs.type,parentSchema:schema52.properties.retryMs,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(typeof data3 == "number"){
if(data3 < 100 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/retryMs",schemaPath:"#/properties/retryMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema52.properties.retryMs,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let data4 = data.maxQueuedBytes;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err11 = {instancePath:instancePath+"/maxQueuedBytes",schemaPath:"#/properties/maxQueuedBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.maxQueuedBytes.type,parentSchema:schema52.properties.maxQueuedBytes,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 < 16384 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/maxQueuedBytes",schemaPath:"#/properties/maxQueuedBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 16384},message:"must be >= 16384",schema:16384,parentSchema:schema52.properties.maxQueuedBytes,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate33.errors = vErrors;
return errors === 0;
}
validate33.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const watchDir: ValidateFunction = validate34;
const schema53 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:watch-dir","title":"Options of the built-in watch-dir plugin","description":"Adds each .torrent dropped into a folder (as Transmission's watch-dir and Deluge's AutoAdd), then renames it (name.torrent.added) or moves it. A file that cannot be added is reported (watch_dir_error) and not tried again until it changes. Opt-in: list it with its dir.","type":"object","additionalProperties":false,"required":["dir"],"properties":{"dir":{"description":"The folder to watch; a relative path is relative to the working directory.","type":"string","minLength":1},"downloadDir":{"description":"Where the torrents added from it download; empty: the client's downloadDir.","type":"string","default":""},"moveTo":{"description":"A folder to move each added .torrent into; empty: it is renamed in place to name.torrent.added.","type":"string","default":""},"paused":{"description":"Add the torrents paused.","type":"boolean","default":false},"intervalMs":{"description":"How often the folder is scanned. A file is added once it has not changed between two scans (so a file still being written is not read half-way).","type":"integer","minimum":100,"default":2000},"maxFileBytes":{"description":"Largest .torrent read; a bigger file is reported and left alone.","type":"integer","minimum":1024,"default":16777216},"maxFiles":{"description":"Files of the folder looked at per scan (the rest wait for the next scan), and failures remembered.","type":"integer","minimum":1,"default":1000}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:watch-dir" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.downloadDir === undefined){
data.downloadDir = "";
}
if(data.moveTo === undefined){
data.moveTo = "";
}
if(data.paused === undefined){
data.paused = false;
}
if(data.intervalMs === undefined){
data.intervalMs = 2000;
}
if(data.maxFileBytes === undefined){
data.maxFileBytes = 16777216;
}
if(data.maxFiles === undefined){
data.maxFiles = 1000;
}
if(data.dir === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "dir"},message:"must have required property '"+"dir"+"'",schema:schema53.required,parentSchema:schema53,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "dir") || (key0 === "downloadDir")) || (key0 === "moveTo")) || (key0 === "paused")) || (key0 === "intervalMs")) || (key0 === "maxFileBytes")) || (key0 === "maxFiles"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema53,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.dir !== undefined){
let data0 = data.dir;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/dir",schemaPath:"#/properties/dir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53.properties.dir,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/dir",schemaPath:"#/properties/dir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.dir.type,parentSchema:schema53.properties.dir,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let data1 = data.downloadDir;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/downloadDir",schemaPath:"#/properties/downloadDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.downloadDir.type,parentSchema:schema53.properties.downloadDir,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
let data2 = data.moveTo;
if(typeof data2 !== "string"){
const err5 = {instancePath:instancePath+"/moveTo",schemaPath:"#/properties/moveTo/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.moveTo.type,parentSchema:schema53.properties.moveTo,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data3 = data.paused;
if(typeof data3 !== "boolean"){
const err6 = {instancePath:instancePath+"/paused",schemaPath:"#/properties/paused/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema53.properties.paused.type,parentSchema:schema53.properties.paused,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
let data4 = data.intervalMs;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err7 = {instancePath:instancePath+"/intervalMs",schemaPath:"#/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema53.properties.intervalMs.type,parentSchema:schema53.properties.intervalMs,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 < 100 || isNaN(data4)){
const err8 = {instancePath:instancePath+"/intervalMs",schemaPath:"#/properties/intervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema53.properties.intervalMs,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let data5 = data.maxFileBytes;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
const err9 = {instancePath:instancePath+"/maxFileBytes",schemaPath:"#/properties/maxFileBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema53.properties.maxFileBytes.type,parentSchema:schema53.properties.maxFileBytes,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(typeof data5 == "number"){
if(data5 < 1024 || isNaN(data5)){
const err10 = {instancePath:instancePath+"/maxFileBytes",schemaPath:"#/properties/maxFileBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema53.properties.maxFileBytes,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let data6 = data.maxFiles;
if(!((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6)))){
const err11 = {instancePath:instancePath+"/maxFiles",schemaPath:"#/properties/maxFiles/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema53.properties.maxFiles.type,parentSchema:schema53.properties.maxFiles,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(typeof data6 == "number"){
if(data6 < 1 || isNaN(data6)){
const err12 = {instancePath:instancePath+"/maxFiles",schemaPath:"#/properties/maxFiles/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema53.properties.maxFiles,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema53.type,parentSchema:schema53,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const webUi: ValidateFunction = validate35;
const schema54 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:swarmhook:config-schema:web-ui","title":"Options of the built-in web-ui plugin","description":"A web page served by the transmission-rpc plugin's server at /transmission/web/, behind the same gate (auth, Host whitelist, rate): the torrents with progress, rates, peers and state; add (a .torrent file or a magnet link), pause, resume, remove; and a live stream of hook events (Server-Sent Events) with severity filters. Plain HTML, CSS and JavaScript, no build step. On by default in `bt daemon`; needs transmission-rpc.","type":"object","additionalProperties":false,"properties":{"minSeverity":{"description":"The least severe events the stream carries (the page filters further). Listening to debug events costs the engine on every socket read; the stream listens only while a page is open.","enum":["debug","info","warning","critical","fatal"],"default":"info"},"maxEventClients":{"description":"Pages streaming events at once; more get 503.","type":"integer","minimum":1,"default":8},"maxQueuedBytesPerClient":{"description":"Event bytes waiting for one slow page before it is disconnected (it reconnects and goes on from the next event).","type":"integer","minimum":4096,"default":1048576}}};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:swarmhook:config-schema:web-ui" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.minSeverity === undefined){
data.minSeverity = "info";
}
if(data.maxEventClients === undefined){
data.maxEventClients = 8;
}
if(data.maxQueuedBytesPerClient === undefined){
data.maxQueuedBytesPerClient = 1048576;
}
for(const key0 in data){
if(!(((key0 === "minSeverity") || (key0 === "maxEventClients")) || (key0 === "maxQueuedBytesPerClient"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.minSeverity;
if(!(((((data0 === "debug") || (data0 === "info")) || (data0 === "warning")) || (data0 === "critical")) || (data0 === "fatal"))){
const err1 = {instancePath:instancePath+"/minSeverity",schemaPath:"#/properties/minSeverity/enum",keyword:"enum",params:{allowedValues: schema54.properties.minSeverity.enum},message:"must be equal to one of the allowed values",schema:schema54.properties.minSeverity.enum,parentSchema:schema54.properties.minSeverity,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
let data1 = data.maxEventClients;
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err2 = {instancePath:instancePath+"/maxEventClients",schemaPath:"#/properties/maxEventClients/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.maxEventClients.type,parentSchema:schema54.properties.maxEventClients,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 < 1 || isNaN(data1)){
const err3 = {instancePath:instancePath+"/maxEventClients",schemaPath:"#/properties/maxEventClients/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema54.properties.maxEventClients,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let data2 = data.maxQueuedBytesPerClient;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err4 = {instancePath:instancePath+"/maxQueuedBytesPerClient",schemaPath:"#/properties/maxQueuedBytesPerClient/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.maxQueuedBytesPerClient.type,parentSchema:schema54.properties.maxQueuedBytesPerClient,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 < 4096 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/maxQueuedBytesPerClient",schemaPath:"#/properties/maxQueuedBytesPerClient/minimum",keyword:"minimum",params:{comparison: ">=", limit: 4096},message:"must be >= 4096",schema:4096,parentSchema:schema54.properties.maxQueuedBytesPerClient,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


/** The validators by their schema's $id. */
export const validators: Readonly<Record<string, ValidateFunction>> = {
  "urn:swarmhook:config-schema:btrc": btrc,
  "urn:swarmhook:config-schema:dht": dht,
  "urn:swarmhook:config-schema:ip-filter": ipFilter,
  "urn:swarmhook:config-schema:logger": logger,
  "urn:swarmhook:config-schema:lsd": lsd,
  "urn:swarmhook:config-schema:peer-ban": peerBan,
  "urn:swarmhook:config-schema:pex": pex,
  "urn:swarmhook:config-schema:tracker-failover": trackerFailover,
  "urn:swarmhook:config-schema:transmission-rpc": transmissionRpc,
  "urn:swarmhook:config-schema:ut-metadata": utMetadata,
  "urn:swarmhook:config-schema:watch-dir": watchDir,
  "urn:swarmhook:config-schema:web-ui": webUi,
};
