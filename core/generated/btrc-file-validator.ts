// @ts-nocheck: ajv generated the code below; the table at the end is typed.
// Generated from config-schema/ by scripts/schema-validators.ts: the .btrc file as written (strict, no defaults).
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
if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){
const err0 = {instancePath,schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.type,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if((typeof data == "number") && (isFinite(data))){
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
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err6 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.type,parentSchema:schema37,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
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
if(data.listen !== undefined){
let data3 = data.listen;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
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
if(data3.ports !== undefined){
if(!(validate23(data3.ports, {instancePath:instancePath+"/listen/ports",parentData:data3,parentDataProperty:"ports",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data3.tcp4 !== undefined){
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
}
if(data3.tcp6 !== undefined){
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
}
if(data3.host4 !== undefined){
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
}
if(data3.host6 !== undefined){
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
}
if(data.peerIdPrefix !== undefined){
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
}
if(data.downloadDir !== undefined){
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
}
if(data.limits !== undefined){
let data11 = data.limits;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
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
if(data11.maxConnections !== undefined){
let data12 = data11.maxConnections;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err16 = {instancePath:instancePath+"/limits/maxConnections",schemaPath:"#/properties/limits/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxConnections.type,parentSchema:schema31.properties.limits.properties.maxConnections,data:data12};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
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
}
if(data11.maxConnectionsPerTorrent !== undefined){
let data13 = data11.maxConnectionsPerTorrent;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err18 = {instancePath:instancePath+"/limits/maxConnectionsPerTorrent",schemaPath:"#/properties/limits/properties/maxConnectionsPerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxConnectionsPerTorrent.type,parentSchema:schema31.properties.limits.properties.maxConnectionsPerTorrent,data:data13};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
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
}
if(data11.maxUploadSlots !== undefined){
let data14 = data11.maxUploadSlots;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err20 = {instancePath:instancePath+"/limits/maxUploadSlots",schemaPath:"#/properties/limits/properties/maxUploadSlots/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxUploadSlots.type,parentSchema:schema31.properties.limits.properties.maxUploadSlots,data:data14};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
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
}
if(data11.maxConnectionsPerIp !== undefined){
let data15 = data11.maxConnectionsPerIp;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err22 = {instancePath:instancePath+"/limits/maxConnectionsPerIp",schemaPath:"#/properties/limits/properties/maxConnectionsPerIp/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxConnectionsPerIp.type,parentSchema:schema31.properties.limits.properties.maxConnectionsPerIp,data:data15};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
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
}
if(data11.maxHalfOpen !== undefined){
let data16 = data11.maxHalfOpen;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err24 = {instancePath:instancePath+"/limits/maxHalfOpen",schemaPath:"#/properties/limits/properties/maxHalfOpen/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxHalfOpen.type,parentSchema:schema31.properties.limits.properties.maxHalfOpen,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
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
}
if(data11.maxQueuedRequestsPerPeer !== undefined){
let data17 = data11.maxQueuedRequestsPerPeer;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err26 = {instancePath:instancePath+"/limits/maxQueuedRequestsPerPeer",schemaPath:"#/properties/limits/properties/maxQueuedRequestsPerPeer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxQueuedRequestsPerPeer.type,parentSchema:schema31.properties.limits.properties.maxQueuedRequestsPerPeer,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
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
}
if(data11.maxSendBufferPerPeer !== undefined){
let data18 = data11.maxSendBufferPerPeer;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err28 = {instancePath:instancePath+"/limits/maxSendBufferPerPeer",schemaPath:"#/properties/limits/properties/maxSendBufferPerPeer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxSendBufferPerPeer.type,parentSchema:schema31.properties.limits.properties.maxSendBufferPerPeer,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
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
}
if(data11.maxSendBufferTotal !== undefined){
let data19 = data11.maxSendBufferTotal;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err30 = {instancePath:instancePath+"/limits/maxSendBufferTotal",schemaPath:"#/properties/limits/properties/maxSendBufferTotal/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxSendBufferTotal.type,parentSchema:schema31.properties.limits.properties.maxSendBufferTotal,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
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
}
if(data11.maxOpenFiles !== undefined){
let data20 = data11.maxOpenFiles;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err32 = {instancePath:instancePath+"/limits/maxOpenFiles",schemaPath:"#/properties/limits/properties/maxOpenFiles/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxOpenFiles.type,parentSchema:schema31.properties.limits.properties.maxOpenFiles,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
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
}
if(data11.maxEmptyMessagesPerSecond !== undefined){
let data21 = data11.maxEmptyMessagesPerSecond;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err34 = {instancePath:instancePath+"/limits/maxEmptyMessagesPerSecond",schemaPath:"#/properties/limits/properties/maxEmptyMessagesPerSecond/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxEmptyMessagesPerSecond.type,parentSchema:schema31.properties.limits.properties.maxEmptyMessagesPerSecond,data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
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
}
if(data11.maxDialNotes !== undefined){
let data22 = data11.maxDialNotes;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err36 = {instancePath:instancePath+"/limits/maxDialNotes",schemaPath:"#/properties/limits/properties/maxDialNotes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxDialNotes.type,parentSchema:schema31.properties.limits.properties.maxDialNotes,data:data22};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
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
}
if(data11.maxPeerCandidates !== undefined){
let data23 = data11.maxPeerCandidates;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err38 = {instancePath:instancePath+"/limits/maxPeerCandidates",schemaPath:"#/properties/limits/properties/maxPeerCandidates/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxPeerCandidates.type,parentSchema:schema31.properties.limits.properties.maxPeerCandidates,data:data23};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
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
}
if(data11.maxTorrentFileBytes !== undefined){
let data24 = data11.maxTorrentFileBytes;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err40 = {instancePath:instancePath+"/limits/maxTorrentFileBytes",schemaPath:"#/properties/limits/properties/maxTorrentFileBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.limits.properties.maxTorrentFileBytes.type,parentSchema:schema31.properties.limits.properties.maxTorrentFileBytes,data:data24};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
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
}
if(data.rates !== undefined){
let data25 = data.rates;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
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
if(data25.maxDownloadRate !== undefined){
let data26 = data25.maxDownloadRate;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err44 = {instancePath:instancePath+"/rates/maxDownloadRate",schemaPath:"#/properties/rates/properties/maxDownloadRate/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxDownloadRate.type,parentSchema:schema31.properties.rates.properties.maxDownloadRate,data:data26};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if((typeof data26 == "number") && (isFinite(data26))){
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
}
if(data25.maxUploadRate !== undefined){
let data27 = data25.maxUploadRate;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err46 = {instancePath:instancePath+"/rates/maxUploadRate",schemaPath:"#/properties/rates/properties/maxUploadRate/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxUploadRate.type,parentSchema:schema31.properties.rates.properties.maxUploadRate,data:data27};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
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
}
if(data25.maxDownloadRatePerTorrent !== undefined){
let data28 = data25.maxDownloadRatePerTorrent;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err48 = {instancePath:instancePath+"/rates/maxDownloadRatePerTorrent",schemaPath:"#/properties/rates/properties/maxDownloadRatePerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxDownloadRatePerTorrent.type,parentSchema:schema31.properties.rates.properties.maxDownloadRatePerTorrent,data:data28};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
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
}
if(data25.maxUploadRatePerTorrent !== undefined){
let data29 = data25.maxUploadRatePerTorrent;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err50 = {instancePath:instancePath+"/rates/maxUploadRatePerTorrent",schemaPath:"#/properties/rates/properties/maxUploadRatePerTorrent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.rates.properties.maxUploadRatePerTorrent.type,parentSchema:schema31.properties.rates.properties.maxUploadRatePerTorrent,data:data29};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
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
}
if(data.timeouts !== undefined){
let data30 = data.timeouts;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
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
if(data30.connectMs !== undefined){
let data31 = data30.connectMs;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err54 = {instancePath:instancePath+"/timeouts/connectMs",schemaPath:"#/properties/timeouts/properties/connectMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.connectMs.type,parentSchema:schema31.properties.timeouts.properties.connectMs,data:data31};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
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
}
if(data30.handshakeMs !== undefined){
let data32 = data30.handshakeMs;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err56 = {instancePath:instancePath+"/timeouts/handshakeMs",schemaPath:"#/properties/timeouts/properties/handshakeMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.handshakeMs.type,parentSchema:schema31.properties.timeouts.properties.handshakeMs,data:data32};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
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
}
if(data30.inactivityMs !== undefined){
let data33 = data30.inactivityMs;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err58 = {instancePath:instancePath+"/timeouts/inactivityMs",schemaPath:"#/properties/timeouts/properties/inactivityMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.inactivityMs.type,parentSchema:schema31.properties.timeouts.properties.inactivityMs,data:data33};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
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
}
if(data30.idleMs !== undefined){
let data34 = data30.idleMs;
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
const err60 = {instancePath:instancePath+"/timeouts/idleMs",schemaPath:"#/properties/timeouts/properties/idleMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.idleMs.type,parentSchema:schema31.properties.timeouts.properties.idleMs,data:data34};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if((typeof data34 == "number") && (isFinite(data34))){
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
}
if(data30.trackerMs !== undefined){
let data35 = data30.trackerMs;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err62 = {instancePath:instancePath+"/timeouts/trackerMs",schemaPath:"#/properties/timeouts/properties/trackerMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.trackerMs.type,parentSchema:schema31.properties.timeouts.properties.trackerMs,data:data35};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
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
}
if(data30.torrentFileMs !== undefined){
let data36 = data30.torrentFileMs;
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err64 = {instancePath:instancePath+"/timeouts/torrentFileMs",schemaPath:"#/properties/timeouts/properties/torrentFileMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.timeouts.properties.torrentFileMs.type,parentSchema:schema31.properties.timeouts.properties.torrentFileMs,data:data36};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
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
}
if(data.trackers !== undefined){
let data37 = data.trackers;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
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
if(data37.udpBaseTimeoutMs !== undefined){
let data38 = data37.udpBaseTimeoutMs;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err68 = {instancePath:instancePath+"/trackers/udpBaseTimeoutMs",schemaPath:"#/properties/trackers/properties/udpBaseTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.trackers.properties.udpBaseTimeoutMs.type,parentSchema:schema31.properties.trackers.properties.udpBaseTimeoutMs,data:data38};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
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
}
if(data37.udpRetries !== undefined){
let data39 = data37.udpRetries;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err70 = {instancePath:instancePath+"/trackers/udpRetries",schemaPath:"#/properties/trackers/properties/udpRetries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.trackers.properties.udpRetries.type,parentSchema:schema31.properties.trackers.properties.udpRetries,data:data39};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
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
}
if(data37.udpTimeoutMs !== undefined){
let data40 = data37.udpTimeoutMs;
if(!(((typeof data40 == "number") && (!(data40 % 1) && !isNaN(data40))) && (isFinite(data40)))){
const err73 = {instancePath:instancePath+"/trackers/udpTimeoutMs",schemaPath:"#/properties/trackers/properties/udpTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.trackers.properties.udpTimeoutMs.type,parentSchema:schema31.properties.trackers.properties.udpTimeoutMs,data:data40};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data40 == "number") && (isFinite(data40))){
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
}
if(data.encryption !== undefined){
let data41 = data.encryption;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
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
if(data41.policy !== undefined){
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
}
if(data41.allowedMethods !== undefined){
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
}
if(data41.preferRc4 !== undefined){
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
}
if(data.transports !== undefined){
let data46 = data.transports;
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
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
if(data46.order !== undefined){
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
}
if(data46.raceAfterMs !== undefined){
let data49 = data46.raceAfterMs;
if(!(((typeof data49 == "number") && (!(data49 % 1) && !isNaN(data49))) && (isFinite(data49)))){
const err89 = {instancePath:instancePath+"/transports/raceAfterMs",schemaPath:"#/properties/transports/properties/raceAfterMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.raceAfterMs.type,parentSchema:schema31.properties.transports.properties.raceAfterMs,data:data49};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if((typeof data49 == "number") && (isFinite(data49))){
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
}
if(data46.loopbackRaceAfterMs !== undefined){
let data50 = data46.loopbackRaceAfterMs;
if(!(((typeof data50 == "number") && (!(data50 % 1) && !isNaN(data50))) && (isFinite(data50)))){
const err91 = {instancePath:instancePath+"/transports/loopbackRaceAfterMs",schemaPath:"#/properties/transports/properties/loopbackRaceAfterMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.loopbackRaceAfterMs.type,parentSchema:schema31.properties.transports.properties.loopbackRaceAfterMs,data:data50};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data50 == "number") && (isFinite(data50))){
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
}
if(data46.utp !== undefined){
let data51 = data46.utp;
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
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
if(data51.listen !== undefined){
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
}
if(data51.maxConnections !== undefined){
let data53 = data51.maxConnections;
if(!(((typeof data53 == "number") && (!(data53 % 1) && !isNaN(data53))) && (isFinite(data53)))){
const err95 = {instancePath:instancePath+"/transports/utp/maxConnections",schemaPath:"#/properties/transports/properties/utp/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxConnections.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxConnections,data:data53};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if((typeof data53 == "number") && (isFinite(data53))){
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
}
if(data51.maxHalfOpen !== undefined){
let data54 = data51.maxHalfOpen;
if(!(((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54))) && (isFinite(data54)))){
const err97 = {instancePath:instancePath+"/transports/utp/maxHalfOpen",schemaPath:"#/properties/transports/properties/utp/properties/maxHalfOpen/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxHalfOpen.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxHalfOpen,data:data54};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if((typeof data54 == "number") && (isFinite(data54))){
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
}
if(data51.connectTimeoutMs !== undefined){
let data55 = data51.connectTimeoutMs;
if(!(((typeof data55 == "number") && (!(data55 % 1) && !isNaN(data55))) && (isFinite(data55)))){
const err99 = {instancePath:instancePath+"/transports/utp/connectTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/connectTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.connectTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.connectTimeoutMs,data:data55};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if((typeof data55 == "number") && (isFinite(data55))){
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
}
if(data51.halfOpenTimeoutMs !== undefined){
let data56 = data51.halfOpenTimeoutMs;
if(!(((typeof data56 == "number") && (!(data56 % 1) && !isNaN(data56))) && (isFinite(data56)))){
const err101 = {instancePath:instancePath+"/transports/utp/halfOpenTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/halfOpenTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.halfOpenTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.halfOpenTimeoutMs,data:data56};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if((typeof data56 == "number") && (isFinite(data56))){
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
}
if(data51.packetSize !== undefined){
let data57 = data51.packetSize;
if(!(((typeof data57 == "number") && (!(data57 % 1) && !isNaN(data57))) && (isFinite(data57)))){
const err103 = {instancePath:instancePath+"/transports/utp/packetSize",schemaPath:"#/properties/transports/properties/utp/properties/packetSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.packetSize.type,parentSchema:schema31.properties.transports.properties.utp.properties.packetSize,data:data57};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if((typeof data57 == "number") && (isFinite(data57))){
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
}
if(data51.maxReceiveBuffer !== undefined){
let data58 = data51.maxReceiveBuffer;
if(!(((typeof data58 == "number") && (!(data58 % 1) && !isNaN(data58))) && (isFinite(data58)))){
const err106 = {instancePath:instancePath+"/transports/utp/maxReceiveBuffer",schemaPath:"#/properties/transports/properties/utp/properties/maxReceiveBuffer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxReceiveBuffer.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxReceiveBuffer,data:data58};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if((typeof data58 == "number") && (isFinite(data58))){
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
}
if(data51.maxSendWindow !== undefined){
let data59 = data51.maxSendWindow;
if(!(((typeof data59 == "number") && (!(data59 % 1) && !isNaN(data59))) && (isFinite(data59)))){
const err108 = {instancePath:instancePath+"/transports/utp/maxSendWindow",schemaPath:"#/properties/transports/properties/utp/properties/maxSendWindow/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxSendWindow.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxSendWindow,data:data59};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if((typeof data59 == "number") && (isFinite(data59))){
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
}
if(data51.maxRetransmits !== undefined){
let data60 = data51.maxRetransmits;
if(!(((typeof data60 == "number") && (!(data60 % 1) && !isNaN(data60))) && (isFinite(data60)))){
const err110 = {instancePath:instancePath+"/transports/utp/maxRetransmits",schemaPath:"#/properties/transports/properties/utp/properties/maxRetransmits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxRetransmits.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxRetransmits,data:data60};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if((typeof data60 == "number") && (isFinite(data60))){
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
}
if(data51.maxSynRetransmits !== undefined){
let data61 = data51.maxSynRetransmits;
if(!(((typeof data61 == "number") && (!(data61 % 1) && !isNaN(data61))) && (isFinite(data61)))){
const err112 = {instancePath:instancePath+"/transports/utp/maxSynRetransmits",schemaPath:"#/properties/transports/properties/utp/properties/maxSynRetransmits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.maxSynRetransmits.type,parentSchema:schema31.properties.transports.properties.utp.properties.maxSynRetransmits,data:data61};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if((typeof data61 == "number") && (isFinite(data61))){
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
}
if(data51.zeroWindowTimeoutMs !== undefined){
let data62 = data51.zeroWindowTimeoutMs;
if(!(((typeof data62 == "number") && (!(data62 % 1) && !isNaN(data62))) && (isFinite(data62)))){
const err114 = {instancePath:instancePath+"/transports/utp/zeroWindowTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/zeroWindowTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.zeroWindowTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.zeroWindowTimeoutMs,data:data62};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if((typeof data62 == "number") && (isFinite(data62))){
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
}
if(data51.keepAliveMs !== undefined){
let data63 = data51.keepAliveMs;
if(!(((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63))) && (isFinite(data63)))){
const err116 = {instancePath:instancePath+"/transports/utp/keepAliveMs",schemaPath:"#/properties/transports/properties/utp/properties/keepAliveMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.keepAliveMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.keepAliveMs,data:data63};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
if((typeof data63 == "number") && (isFinite(data63))){
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
}
if(data51.closeTimeoutMs !== undefined){
let data64 = data51.closeTimeoutMs;
if(!(((typeof data64 == "number") && (!(data64 % 1) && !isNaN(data64))) && (isFinite(data64)))){
const err118 = {instancePath:instancePath+"/transports/utp/closeTimeoutMs",schemaPath:"#/properties/transports/properties/utp/properties/closeTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.transports.properties.utp.properties.closeTimeoutMs.type,parentSchema:schema31.properties.transports.properties.utp.properties.closeTimeoutMs,data:data64};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
if((typeof data64 == "number") && (isFinite(data64))){
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
}
if(data.daemon !== undefined){
let data65 = data.daemon;
if(data65 && typeof data65 == "object" && !Array.isArray(data65)){
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
if(data65.saveIntervalMs !== undefined){
let data67 = data65.saveIntervalMs;
if(!(((typeof data67 == "number") && (!(data67 % 1) && !isNaN(data67))) && (isFinite(data67)))){
const err125 = {instancePath:instancePath+"/daemon/saveIntervalMs",schemaPath:"#/properties/daemon/properties/saveIntervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.daemon.properties.saveIntervalMs.type,parentSchema:schema31.properties.daemon.properties.saveIntervalMs,data:data67};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
if((typeof data67 == "number") && (isFinite(data67))){
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
}
if(data.resume !== undefined){
let data68 = data.resume;
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
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
if(data68.enabled !== undefined){
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
if(data68.intervalMs !== undefined){
let data71 = data68.intervalMs;
if(!(((typeof data71 == "number") && (!(data71 % 1) && !isNaN(data71))) && (isFinite(data71)))){
const err132 = {instancePath:instancePath+"/resume/intervalMs",schemaPath:"#/properties/resume/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.resume.properties.intervalMs.type,parentSchema:schema31.properties.resume.properties.intervalMs,data:data71};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if((typeof data71 == "number") && (isFinite(data71))){
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
}
if(data.stats !== undefined){
let data72 = data.stats;
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
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
if(data72.intervalMs !== undefined){
let data73 = data72.intervalMs;
if(!(((typeof data73 == "number") && (!(data73 % 1) && !isNaN(data73))) && (isFinite(data73)))){
const err136 = {instancePath:instancePath+"/stats/intervalMs",schemaPath:"#/properties/stats/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.stats.properties.intervalMs.type,parentSchema:schema31.properties.stats.properties.intervalMs,data:data73};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
if((typeof data73 == "number") && (isFinite(data73))){
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
}
if(data.streaming !== undefined){
let data74 = data.streaming;
if(data74 && typeof data74 == "object" && !Array.isArray(data74)){
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
if(data74.readaheadBytes !== undefined){
let data75 = data74.readaheadBytes;
if(!(((typeof data75 == "number") && (!(data75 % 1) && !isNaN(data75))) && (isFinite(data75)))){
const err140 = {instancePath:instancePath+"/streaming/readaheadBytes",schemaPath:"#/properties/streaming/properties/readaheadBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.streaming.properties.readaheadBytes.type,parentSchema:schema31.properties.streaming.properties.readaheadBytes,data:data75};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if((typeof data75 == "number") && (isFinite(data75))){
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
}
if(data74.deadlineStepMs !== undefined){
let data76 = data74.deadlineStepMs;
if(!(((typeof data76 == "number") && (!(data76 % 1) && !isNaN(data76))) && (isFinite(data76)))){
const err142 = {instancePath:instancePath+"/streaming/deadlineStepMs",schemaPath:"#/properties/streaming/properties/deadlineStepMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.streaming.properties.deadlineStepMs.type,parentSchema:schema31.properties.streaming.properties.deadlineStepMs,data:data76};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if((typeof data76 == "number") && (isFinite(data76))){
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
}
if(data74.maxServerConnections !== undefined){
let data77 = data74.maxServerConnections;
if(!(((typeof data77 == "number") && (!(data77 % 1) && !isNaN(data77))) && (isFinite(data77)))){
const err144 = {instancePath:instancePath+"/streaming/maxServerConnections",schemaPath:"#/properties/streaming/properties/maxServerConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.streaming.properties.maxServerConnections.type,parentSchema:schema31.properties.streaming.properties.maxServerConnections,data:data77};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if((typeof data77 == "number") && (isFinite(data77))){
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


/** The validators by their schema's $id. */
export const validators: Readonly<Record<string, ValidateFunction>> = {
  "urn:swarmhook:config-schema:btrc": btrc,
};
