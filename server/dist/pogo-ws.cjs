#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// ../node_modules/ws/lib/constants.js
var require_constants = __commonJS({
  "../node_modules/ws/lib/constants.js"(exports2, module2) {
    "use strict";
    var BINARY_TYPES = ["nodebuffer", "arraybuffer", "fragments"];
    var hasBlob = typeof Blob !== "undefined";
    if (hasBlob) BINARY_TYPES.push("blob");
    module2.exports = {
      BINARY_TYPES,
      EMPTY_BUFFER: Buffer.alloc(0),
      GUID: "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
      hasBlob,
      kForOnEventAttribute: Symbol("kIsForOnEventAttribute"),
      kListener: Symbol("kListener"),
      kStatusCode: Symbol("status-code"),
      kWebSocket: Symbol("websocket"),
      NOOP: () => {
      }
    };
  }
});

// ../node_modules/node-gyp-build/node-gyp-build.js
var require_node_gyp_build = __commonJS({
  "../node_modules/node-gyp-build/node-gyp-build.js"(exports2, module2) {
    "use strict";
    var fs = require("fs");
    var path = require("path");
    var os = require("os");
    var runtimeRequire = typeof __webpack_require__ === "function" ? __non_webpack_require__ : require;
    var vars = process.config && process.config.variables || {};
    var prebuildsOnly = !!process.env.PREBUILDS_ONLY;
    var abi = process.versions.modules;
    var runtime = isElectron() ? "electron" : isNwjs() ? "node-webkit" : "node";
    var arch = process.env.npm_config_arch || os.arch();
    var platform = process.env.npm_config_platform || os.platform();
    var libc = process.env.LIBC || (isAlpine(platform) ? "musl" : "glibc");
    var armv = process.env.ARM_VERSION || (arch === "arm64" ? "8" : vars.arm_version) || "";
    var uv = (process.versions.uv || "").split(".")[0];
    module2.exports = load;
    function load(dir) {
      return runtimeRequire(load.resolve(dir));
    }
    load.resolve = load.path = function(dir) {
      dir = path.resolve(dir || ".");
      try {
        var name = runtimeRequire(path.join(dir, "package.json")).name.toUpperCase().replace(/-/g, "_");
        if (process.env[name + "_PREBUILD"]) dir = process.env[name + "_PREBUILD"];
      } catch (err) {
      }
      if (!prebuildsOnly) {
        var release = getFirst(path.join(dir, "build/Release"), matchBuild);
        if (release) return release;
        var debug = getFirst(path.join(dir, "build/Debug"), matchBuild);
        if (debug) return debug;
      }
      var prebuild = resolve(dir);
      if (prebuild) return prebuild;
      var nearby = resolve(path.dirname(process.execPath));
      if (nearby) return nearby;
      var target = [
        "platform=" + platform,
        "arch=" + arch,
        "runtime=" + runtime,
        "abi=" + abi,
        "uv=" + uv,
        armv ? "armv=" + armv : "",
        "libc=" + libc,
        "node=" + process.versions.node,
        process.versions.electron ? "electron=" + process.versions.electron : "",
        typeof __webpack_require__ === "function" ? "webpack=true" : ""
        // eslint-disable-line
      ].filter(Boolean).join(" ");
      throw new Error("No native build was found for " + target + "\n    loaded from: " + dir + "\n");
      function resolve(dir2) {
        var tuples = readdirSync(path.join(dir2, "prebuilds")).map(parseTuple);
        var tuple = tuples.filter(matchTuple(platform, arch)).sort(compareTuples)[0];
        if (!tuple) return;
        var prebuilds = path.join(dir2, "prebuilds", tuple.name);
        var parsed = readdirSync(prebuilds).map(parseTags);
        var candidates = parsed.filter(matchTags(runtime, abi));
        var winner = candidates.sort(compareTags(runtime))[0];
        if (winner) return path.join(prebuilds, winner.file);
      }
    };
    function readdirSync(dir) {
      try {
        return fs.readdirSync(dir);
      } catch (err) {
        return [];
      }
    }
    function getFirst(dir, filter) {
      var files = readdirSync(dir).filter(filter);
      return files[0] && path.join(dir, files[0]);
    }
    function matchBuild(name) {
      return /\.node$/.test(name);
    }
    function parseTuple(name) {
      var arr = name.split("-");
      if (arr.length !== 2) return;
      var platform2 = arr[0];
      var architectures = arr[1].split("+");
      if (!platform2) return;
      if (!architectures.length) return;
      if (!architectures.every(Boolean)) return;
      return { name, platform: platform2, architectures };
    }
    function matchTuple(platform2, arch2) {
      return function(tuple) {
        if (tuple == null) return false;
        if (tuple.platform !== platform2) return false;
        return tuple.architectures.includes(arch2);
      };
    }
    function compareTuples(a, b) {
      return a.architectures.length - b.architectures.length;
    }
    function parseTags(file) {
      var arr = file.split(".");
      var extension = arr.pop();
      var tags = { file, specificity: 0 };
      if (extension !== "node") return;
      for (var i = 0; i < arr.length; i++) {
        var tag = arr[i];
        if (tag === "node" || tag === "electron" || tag === "node-webkit") {
          tags.runtime = tag;
        } else if (tag === "napi") {
          tags.napi = true;
        } else if (tag.slice(0, 3) === "abi") {
          tags.abi = tag.slice(3);
        } else if (tag.slice(0, 2) === "uv") {
          tags.uv = tag.slice(2);
        } else if (tag.slice(0, 4) === "armv") {
          tags.armv = tag.slice(4);
        } else if (tag === "glibc" || tag === "musl") {
          tags.libc = tag;
        } else {
          continue;
        }
        tags.specificity++;
      }
      return tags;
    }
    function matchTags(runtime2, abi2) {
      return function(tags) {
        if (tags == null) return false;
        if (tags.runtime && tags.runtime !== runtime2 && !runtimeAgnostic(tags)) return false;
        if (tags.abi && tags.abi !== abi2 && !tags.napi) return false;
        if (tags.uv && tags.uv !== uv) return false;
        if (tags.armv && tags.armv !== armv) return false;
        if (tags.libc && tags.libc !== libc) return false;
        return true;
      };
    }
    function runtimeAgnostic(tags) {
      return tags.runtime === "node" && tags.napi;
    }
    function compareTags(runtime2) {
      return function(a, b) {
        if (a.runtime !== b.runtime) {
          return a.runtime === runtime2 ? -1 : 1;
        } else if (a.abi !== b.abi) {
          return a.abi ? -1 : 1;
        } else if (a.specificity !== b.specificity) {
          return a.specificity > b.specificity ? -1 : 1;
        } else {
          return 0;
        }
      };
    }
    function isNwjs() {
      return !!(process.versions && process.versions.nw);
    }
    function isElectron() {
      if (process.versions && process.versions.electron) return true;
      if (process.env.ELECTRON_RUN_AS_NODE) return true;
      return typeof window !== "undefined" && window.process && window.process.type === "renderer";
    }
    function isAlpine(platform2) {
      return platform2 === "linux" && fs.existsSync("/etc/alpine-release");
    }
    load.parseTags = parseTags;
    load.matchTags = matchTags;
    load.compareTags = compareTags;
    load.parseTuple = parseTuple;
    load.matchTuple = matchTuple;
    load.compareTuples = compareTuples;
  }
});

// ../node_modules/node-gyp-build/index.js
var require_node_gyp_build2 = __commonJS({
  "../node_modules/node-gyp-build/index.js"(exports2, module2) {
    "use strict";
    var runtimeRequire = typeof __webpack_require__ === "function" ? __non_webpack_require__ : require;
    if (typeof runtimeRequire.addon === "function") {
      module2.exports = runtimeRequire.addon.bind(runtimeRequire);
    } else {
      module2.exports = require_node_gyp_build();
    }
  }
});

// ../node_modules/bufferutil/fallback.js
var require_fallback = __commonJS({
  "../node_modules/bufferutil/fallback.js"(exports2, module2) {
    "use strict";
    var mask = (source, mask2, output, offset, length) => {
      for (var i = 0; i < length; i++) {
        output[offset + i] = source[i] ^ mask2[i & 3];
      }
    };
    var unmask = (buffer, mask2) => {
      const length = buffer.length;
      for (var i = 0; i < length; i++) {
        buffer[i] ^= mask2[i & 3];
      }
    };
    module2.exports = { mask, unmask };
  }
});

// ../node_modules/bufferutil/index.js
var require_bufferutil = __commonJS({
  "../node_modules/bufferutil/index.js"(exports2, module2) {
    "use strict";
    try {
      module2.exports = require_node_gyp_build2()(__dirname);
    } catch (e) {
      module2.exports = require_fallback();
    }
  }
});

// ../node_modules/ws/lib/buffer-util.js
var require_buffer_util = __commonJS({
  "../node_modules/ws/lib/buffer-util.js"(exports2, module2) {
    "use strict";
    var { EMPTY_BUFFER } = require_constants();
    var FastBuffer = Buffer[Symbol.species];
    function concat(list, totalLength) {
      if (list.length === 0) return EMPTY_BUFFER;
      if (list.length === 1) return list[0];
      const target = Buffer.allocUnsafe(totalLength);
      let offset = 0;
      for (let i = 0; i < list.length; i++) {
        const buf = list[i];
        target.set(buf, offset);
        offset += buf.length;
      }
      if (offset < totalLength) {
        return new FastBuffer(target.buffer, target.byteOffset, offset);
      }
      return target;
    }
    function _mask(source, mask, output, offset, length) {
      for (let i = 0; i < length; i++) {
        output[offset + i] = source[i] ^ mask[i & 3];
      }
    }
    function _unmask(buffer, mask) {
      for (let i = 0; i < buffer.length; i++) {
        buffer[i] ^= mask[i & 3];
      }
    }
    function toArrayBuffer(buf) {
      if (buf.length === buf.buffer.byteLength) {
        return buf.buffer;
      }
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    }
    function toBuffer(data) {
      toBuffer.readOnly = true;
      if (Buffer.isBuffer(data)) return data;
      let buf;
      if (data instanceof ArrayBuffer) {
        buf = new FastBuffer(data);
      } else if (ArrayBuffer.isView(data)) {
        buf = new FastBuffer(data.buffer, data.byteOffset, data.byteLength);
      } else {
        buf = Buffer.from(data);
        toBuffer.readOnly = false;
      }
      return buf;
    }
    module2.exports = {
      concat,
      mask: _mask,
      toArrayBuffer,
      toBuffer,
      unmask: _unmask
    };
    if (!process.env.WS_NO_BUFFER_UTIL) {
      try {
        const bufferUtil = require_bufferutil();
        module2.exports.mask = function(source, mask, output, offset, length) {
          if (length < 48) _mask(source, mask, output, offset, length);
          else bufferUtil.mask(source, mask, output, offset, length);
        };
        module2.exports.unmask = function(buffer, mask) {
          if (buffer.length < 32) _unmask(buffer, mask);
          else bufferUtil.unmask(buffer, mask);
        };
      } catch (e) {
      }
    }
  }
});

// ../node_modules/ws/lib/limiter.js
var require_limiter = __commonJS({
  "../node_modules/ws/lib/limiter.js"(exports2, module2) {
    "use strict";
    var kDone = Symbol("kDone");
    var kRun = Symbol("kRun");
    var Limiter = class {
      /**
       * Creates a new `Limiter`.
       *
       * @param {Number} [concurrency=Infinity] The maximum number of jobs allowed
       *     to run concurrently
       */
      constructor(concurrency) {
        this[kDone] = () => {
          this.pending--;
          this[kRun]();
        };
        this.concurrency = concurrency || Infinity;
        this.jobs = [];
        this.pending = 0;
      }
      /**
       * Adds a job to the queue.
       *
       * @param {Function} job The job to run
       * @public
       */
      add(job) {
        this.jobs.push(job);
        this[kRun]();
      }
      /**
       * Removes a job from the queue and runs it if possible.
       *
       * @private
       */
      [kRun]() {
        if (this.pending === this.concurrency) return;
        if (this.jobs.length) {
          const job = this.jobs.shift();
          this.pending++;
          job(this[kDone]);
        }
      }
    };
    module2.exports = Limiter;
  }
});

// ../node_modules/ws/lib/permessage-deflate.js
var require_permessage_deflate = __commonJS({
  "../node_modules/ws/lib/permessage-deflate.js"(exports2, module2) {
    "use strict";
    var zlib = require("zlib");
    var bufferUtil = require_buffer_util();
    var Limiter = require_limiter();
    var { kStatusCode } = require_constants();
    var FastBuffer = Buffer[Symbol.species];
    var TRAILER = Buffer.from([0, 0, 255, 255]);
    var kPerMessageDeflate = Symbol("permessage-deflate");
    var kTotalLength = Symbol("total-length");
    var kCallback = Symbol("callback");
    var kBuffers = Symbol("buffers");
    var kError = Symbol("error");
    var zlibLimiter;
    var PerMessageDeflate = class {
      /**
       * Creates a PerMessageDeflate instance.
       *
       * @param {Object} [options] Configuration options
       * @param {(Boolean|Number)} [options.clientMaxWindowBits] Advertise support
       *     for, or request, a custom client window size
       * @param {Boolean} [options.clientNoContextTakeover=false] Advertise/
       *     acknowledge disabling of client context takeover
       * @param {Number} [options.concurrencyLimit=10] The number of concurrent
       *     calls to zlib
       * @param {(Boolean|Number)} [options.serverMaxWindowBits] Request/confirm the
       *     use of a custom server window size
       * @param {Boolean} [options.serverNoContextTakeover=false] Request/accept
       *     disabling of server context takeover
       * @param {Number} [options.threshold=1024] Size (in bytes) below which
       *     messages should not be compressed if context takeover is disabled
       * @param {Object} [options.zlibDeflateOptions] Options to pass to zlib on
       *     deflate
       * @param {Object} [options.zlibInflateOptions] Options to pass to zlib on
       *     inflate
       * @param {Boolean} [isServer=false] Create the instance in either server or
       *     client mode
       * @param {Number} [maxPayload=0] The maximum allowed message length
       */
      constructor(options, isServer, maxPayload) {
        this._maxPayload = maxPayload | 0;
        this._options = options || {};
        this._threshold = this._options.threshold !== void 0 ? this._options.threshold : 1024;
        this._isServer = !!isServer;
        this._deflate = null;
        this._inflate = null;
        this.params = null;
        if (!zlibLimiter) {
          const concurrency = this._options.concurrencyLimit !== void 0 ? this._options.concurrencyLimit : 10;
          zlibLimiter = new Limiter(concurrency);
        }
      }
      /**
       * @type {String}
       */
      static get extensionName() {
        return "permessage-deflate";
      }
      /**
       * Create an extension negotiation offer.
       *
       * @return {Object} Extension parameters
       * @public
       */
      offer() {
        const params = {};
        if (this._options.serverNoContextTakeover) {
          params.server_no_context_takeover = true;
        }
        if (this._options.clientNoContextTakeover) {
          params.client_no_context_takeover = true;
        }
        if (this._options.serverMaxWindowBits) {
          params.server_max_window_bits = this._options.serverMaxWindowBits;
        }
        if (this._options.clientMaxWindowBits) {
          params.client_max_window_bits = this._options.clientMaxWindowBits;
        } else if (this._options.clientMaxWindowBits == null) {
          params.client_max_window_bits = true;
        }
        return params;
      }
      /**
       * Accept an extension negotiation offer/response.
       *
       * @param {Array} configurations The extension negotiation offers/reponse
       * @return {Object} Accepted configuration
       * @public
       */
      accept(configurations) {
        configurations = this.normalizeParams(configurations);
        this.params = this._isServer ? this.acceptAsServer(configurations) : this.acceptAsClient(configurations);
        return this.params;
      }
      /**
       * Releases all resources used by the extension.
       *
       * @public
       */
      cleanup() {
        if (this._inflate) {
          this._inflate.close();
          this._inflate = null;
        }
        if (this._deflate) {
          const callback = this._deflate[kCallback];
          this._deflate.close();
          this._deflate = null;
          if (callback) {
            callback(
              new Error(
                "The deflate stream was closed while data was being processed"
              )
            );
          }
        }
      }
      /**
       *  Accept an extension negotiation offer.
       *
       * @param {Array} offers The extension negotiation offers
       * @return {Object} Accepted configuration
       * @private
       */
      acceptAsServer(offers) {
        const opts = this._options;
        const accepted = offers.find((params) => {
          if (opts.serverNoContextTakeover === false && params.server_no_context_takeover || params.server_max_window_bits && (opts.serverMaxWindowBits === false || typeof opts.serverMaxWindowBits === "number" && opts.serverMaxWindowBits > params.server_max_window_bits) || typeof opts.clientMaxWindowBits === "number" && !params.client_max_window_bits) {
            return false;
          }
          return true;
        });
        if (!accepted) {
          throw new Error("None of the extension offers can be accepted");
        }
        if (opts.serverNoContextTakeover) {
          accepted.server_no_context_takeover = true;
        }
        if (opts.clientNoContextTakeover) {
          accepted.client_no_context_takeover = true;
        }
        if (typeof opts.serverMaxWindowBits === "number") {
          accepted.server_max_window_bits = opts.serverMaxWindowBits;
        }
        if (typeof opts.clientMaxWindowBits === "number") {
          accepted.client_max_window_bits = opts.clientMaxWindowBits;
        } else if (accepted.client_max_window_bits === true || opts.clientMaxWindowBits === false) {
          delete accepted.client_max_window_bits;
        }
        return accepted;
      }
      /**
       * Accept the extension negotiation response.
       *
       * @param {Array} response The extension negotiation response
       * @return {Object} Accepted configuration
       * @private
       */
      acceptAsClient(response) {
        const params = response[0];
        if (this._options.clientNoContextTakeover === false && params.client_no_context_takeover) {
          throw new Error('Unexpected parameter "client_no_context_takeover"');
        }
        if (!params.client_max_window_bits) {
          if (typeof this._options.clientMaxWindowBits === "number") {
            params.client_max_window_bits = this._options.clientMaxWindowBits;
          }
        } else if (this._options.clientMaxWindowBits === false || typeof this._options.clientMaxWindowBits === "number" && params.client_max_window_bits > this._options.clientMaxWindowBits) {
          throw new Error(
            'Unexpected or invalid parameter "client_max_window_bits"'
          );
        }
        return params;
      }
      /**
       * Normalize parameters.
       *
       * @param {Array} configurations The extension negotiation offers/reponse
       * @return {Array} The offers/response with normalized parameters
       * @private
       */
      normalizeParams(configurations) {
        configurations.forEach((params) => {
          Object.keys(params).forEach((key) => {
            let value = params[key];
            if (value.length > 1) {
              throw new Error(`Parameter "${key}" must have only a single value`);
            }
            value = value[0];
            if (key === "client_max_window_bits") {
              if (value !== true) {
                const num = +value;
                if (!Number.isInteger(num) || num < 8 || num > 15) {
                  throw new TypeError(
                    `Invalid value for parameter "${key}": ${value}`
                  );
                }
                value = num;
              } else if (!this._isServer) {
                throw new TypeError(
                  `Invalid value for parameter "${key}": ${value}`
                );
              }
            } else if (key === "server_max_window_bits") {
              const num = +value;
              if (!Number.isInteger(num) || num < 8 || num > 15) {
                throw new TypeError(
                  `Invalid value for parameter "${key}": ${value}`
                );
              }
              value = num;
            } else if (key === "client_no_context_takeover" || key === "server_no_context_takeover") {
              if (value !== true) {
                throw new TypeError(
                  `Invalid value for parameter "${key}": ${value}`
                );
              }
            } else {
              throw new Error(`Unknown parameter "${key}"`);
            }
            params[key] = value;
          });
        });
        return configurations;
      }
      /**
       * Decompress data. Concurrency limited.
       *
       * @param {Buffer} data Compressed data
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @public
       */
      decompress(data, fin, callback) {
        zlibLimiter.add((done) => {
          this._decompress(data, fin, (err, result) => {
            done();
            callback(err, result);
          });
        });
      }
      /**
       * Compress data. Concurrency limited.
       *
       * @param {(Buffer|String)} data Data to compress
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @public
       */
      compress(data, fin, callback) {
        zlibLimiter.add((done) => {
          this._compress(data, fin, (err, result) => {
            done();
            callback(err, result);
          });
        });
      }
      /**
       * Decompress data.
       *
       * @param {Buffer} data Compressed data
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @private
       */
      _decompress(data, fin, callback) {
        const endpoint = this._isServer ? "client" : "server";
        if (!this._inflate) {
          const key = `${endpoint}_max_window_bits`;
          const windowBits = typeof this.params[key] !== "number" ? zlib.Z_DEFAULT_WINDOWBITS : this.params[key];
          this._inflate = zlib.createInflateRaw({
            ...this._options.zlibInflateOptions,
            windowBits
          });
          this._inflate[kPerMessageDeflate] = this;
          this._inflate[kTotalLength] = 0;
          this._inflate[kBuffers] = [];
          this._inflate.on("error", inflateOnError);
          this._inflate.on("data", inflateOnData);
        }
        this._inflate[kCallback] = callback;
        this._inflate.write(data);
        if (fin) this._inflate.write(TRAILER);
        this._inflate.flush(() => {
          const err = this._inflate[kError];
          if (err) {
            this._inflate.close();
            this._inflate = null;
            callback(err);
            return;
          }
          const data2 = bufferUtil.concat(
            this._inflate[kBuffers],
            this._inflate[kTotalLength]
          );
          if (this._inflate._readableState.endEmitted) {
            this._inflate.close();
            this._inflate = null;
          } else {
            this._inflate[kTotalLength] = 0;
            this._inflate[kBuffers] = [];
            if (fin && this.params[`${endpoint}_no_context_takeover`]) {
              this._inflate.reset();
            }
          }
          callback(null, data2);
        });
      }
      /**
       * Compress data.
       *
       * @param {(Buffer|String)} data Data to compress
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @private
       */
      _compress(data, fin, callback) {
        const endpoint = this._isServer ? "server" : "client";
        if (!this._deflate) {
          const key = `${endpoint}_max_window_bits`;
          const windowBits = typeof this.params[key] !== "number" ? zlib.Z_DEFAULT_WINDOWBITS : this.params[key];
          this._deflate = zlib.createDeflateRaw({
            ...this._options.zlibDeflateOptions,
            windowBits
          });
          this._deflate[kTotalLength] = 0;
          this._deflate[kBuffers] = [];
          this._deflate.on("data", deflateOnData);
        }
        this._deflate[kCallback] = callback;
        this._deflate.write(data);
        this._deflate.flush(zlib.Z_SYNC_FLUSH, () => {
          if (!this._deflate) {
            return;
          }
          let data2 = bufferUtil.concat(
            this._deflate[kBuffers],
            this._deflate[kTotalLength]
          );
          if (fin) {
            data2 = new FastBuffer(data2.buffer, data2.byteOffset, data2.length - 4);
          }
          this._deflate[kCallback] = null;
          this._deflate[kTotalLength] = 0;
          this._deflate[kBuffers] = [];
          if (fin && this.params[`${endpoint}_no_context_takeover`]) {
            this._deflate.reset();
          }
          callback(null, data2);
        });
      }
    };
    module2.exports = PerMessageDeflate;
    function deflateOnData(chunk) {
      this[kBuffers].push(chunk);
      this[kTotalLength] += chunk.length;
    }
    function inflateOnData(chunk) {
      this[kTotalLength] += chunk.length;
      if (this[kPerMessageDeflate]._maxPayload < 1 || this[kTotalLength] <= this[kPerMessageDeflate]._maxPayload) {
        this[kBuffers].push(chunk);
        return;
      }
      this[kError] = new RangeError("Max payload size exceeded");
      this[kError].code = "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
      this[kError][kStatusCode] = 1009;
      this.removeListener("data", inflateOnData);
      this.reset();
    }
    function inflateOnError(err) {
      this[kPerMessageDeflate]._inflate = null;
      if (this[kError]) {
        this[kCallback](this[kError]);
        return;
      }
      err[kStatusCode] = 1007;
      this[kCallback](err);
    }
  }
});

// ../node_modules/ws/lib/validation.js
var require_validation = __commonJS({
  "../node_modules/ws/lib/validation.js"(exports2, module2) {
    "use strict";
    var { isUtf8 } = require("buffer");
    var { hasBlob } = require_constants();
    var tokenChars = [
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      // 0 - 15
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      // 16 - 31
      0,
      1,
      0,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      1,
      1,
      0,
      1,
      1,
      0,
      // 32 - 47
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      // 48 - 63
      0,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      // 64 - 79
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      1,
      1,
      // 80 - 95
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      // 96 - 111
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      1,
      0,
      1,
      0
      // 112 - 127
    ];
    function isValidStatusCode(code) {
      return code >= 1e3 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006 || code >= 3e3 && code <= 4999;
    }
    function _isValidUTF8(buf) {
      const len = buf.length;
      let i = 0;
      while (i < len) {
        if ((buf[i] & 128) === 0) {
          i++;
        } else if ((buf[i] & 224) === 192) {
          if (i + 1 === len || (buf[i + 1] & 192) !== 128 || (buf[i] & 254) === 192) {
            return false;
          }
          i += 2;
        } else if ((buf[i] & 240) === 224) {
          if (i + 2 >= len || (buf[i + 1] & 192) !== 128 || (buf[i + 2] & 192) !== 128 || buf[i] === 224 && (buf[i + 1] & 224) === 128 || // Overlong
          buf[i] === 237 && (buf[i + 1] & 224) === 160) {
            return false;
          }
          i += 3;
        } else if ((buf[i] & 248) === 240) {
          if (i + 3 >= len || (buf[i + 1] & 192) !== 128 || (buf[i + 2] & 192) !== 128 || (buf[i + 3] & 192) !== 128 || buf[i] === 240 && (buf[i + 1] & 240) === 128 || // Overlong
          buf[i] === 244 && buf[i + 1] > 143 || buf[i] > 244) {
            return false;
          }
          i += 4;
        } else {
          return false;
        }
      }
      return true;
    }
    function isBlob(value) {
      return hasBlob && typeof value === "object" && typeof value.arrayBuffer === "function" && typeof value.type === "string" && typeof value.stream === "function" && (value[Symbol.toStringTag] === "Blob" || value[Symbol.toStringTag] === "File");
    }
    module2.exports = {
      isBlob,
      isValidStatusCode,
      isValidUTF8: _isValidUTF8,
      tokenChars
    };
    if (isUtf8) {
      module2.exports.isValidUTF8 = function(buf) {
        return buf.length < 24 ? _isValidUTF8(buf) : isUtf8(buf);
      };
    } else if (!process.env.WS_NO_UTF_8_VALIDATE) {
      try {
        const isValidUTF8 = require("utf-8-validate");
        module2.exports.isValidUTF8 = function(buf) {
          return buf.length < 32 ? _isValidUTF8(buf) : isValidUTF8(buf);
        };
      } catch (e) {
      }
    }
  }
});

// ../node_modules/ws/lib/receiver.js
var require_receiver = __commonJS({
  "../node_modules/ws/lib/receiver.js"(exports2, module2) {
    "use strict";
    var { Writable } = require("stream");
    var PerMessageDeflate = require_permessage_deflate();
    var {
      BINARY_TYPES,
      EMPTY_BUFFER,
      kStatusCode,
      kWebSocket
    } = require_constants();
    var { concat, toArrayBuffer, unmask } = require_buffer_util();
    var { isValidStatusCode, isValidUTF8 } = require_validation();
    var FastBuffer = Buffer[Symbol.species];
    var GET_INFO = 0;
    var GET_PAYLOAD_LENGTH_16 = 1;
    var GET_PAYLOAD_LENGTH_64 = 2;
    var GET_MASK = 3;
    var GET_DATA = 4;
    var INFLATING = 5;
    var DEFER_EVENT = 6;
    var Receiver2 = class extends Writable {
      /**
       * Creates a Receiver instance.
       *
       * @param {Object} [options] Options object
       * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
       *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
       *     multiple times in the same tick
       * @param {String} [options.binaryType=nodebuffer] The type for binary data
       * @param {Object} [options.extensions] An object containing the negotiated
       *     extensions
       * @param {Boolean} [options.isServer=false] Specifies whether to operate in
       *     client or server mode
       * @param {Number} [options.maxPayload=0] The maximum allowed message length
       * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
       *     not to skip UTF-8 validation for text and close messages
       */
      constructor(options = {}) {
        super();
        this._allowSynchronousEvents = options.allowSynchronousEvents !== void 0 ? options.allowSynchronousEvents : true;
        this._binaryType = options.binaryType || BINARY_TYPES[0];
        this._extensions = options.extensions || {};
        this._isServer = !!options.isServer;
        this._maxPayload = options.maxPayload | 0;
        this._skipUTF8Validation = !!options.skipUTF8Validation;
        this[kWebSocket] = void 0;
        this._bufferedBytes = 0;
        this._buffers = [];
        this._compressed = false;
        this._payloadLength = 0;
        this._mask = void 0;
        this._fragmented = 0;
        this._masked = false;
        this._fin = false;
        this._opcode = 0;
        this._totalPayloadLength = 0;
        this._messageLength = 0;
        this._fragments = [];
        this._errored = false;
        this._loop = false;
        this._state = GET_INFO;
      }
      /**
       * Implements `Writable.prototype._write()`.
       *
       * @param {Buffer} chunk The chunk of data to write
       * @param {String} encoding The character encoding of `chunk`
       * @param {Function} cb Callback
       * @private
       */
      _write(chunk, encoding, cb) {
        if (this._opcode === 8 && this._state == GET_INFO) return cb();
        this._bufferedBytes += chunk.length;
        this._buffers.push(chunk);
        this.startLoop(cb);
      }
      /**
       * Consumes `n` bytes from the buffered data.
       *
       * @param {Number} n The number of bytes to consume
       * @return {Buffer} The consumed bytes
       * @private
       */
      consume(n) {
        this._bufferedBytes -= n;
        if (n === this._buffers[0].length) return this._buffers.shift();
        if (n < this._buffers[0].length) {
          const buf = this._buffers[0];
          this._buffers[0] = new FastBuffer(
            buf.buffer,
            buf.byteOffset + n,
            buf.length - n
          );
          return new FastBuffer(buf.buffer, buf.byteOffset, n);
        }
        const dst = Buffer.allocUnsafe(n);
        do {
          const buf = this._buffers[0];
          const offset = dst.length - n;
          if (n >= buf.length) {
            dst.set(this._buffers.shift(), offset);
          } else {
            dst.set(new Uint8Array(buf.buffer, buf.byteOffset, n), offset);
            this._buffers[0] = new FastBuffer(
              buf.buffer,
              buf.byteOffset + n,
              buf.length - n
            );
          }
          n -= buf.length;
        } while (n > 0);
        return dst;
      }
      /**
       * Starts the parsing loop.
       *
       * @param {Function} cb Callback
       * @private
       */
      startLoop(cb) {
        this._loop = true;
        do {
          switch (this._state) {
            case GET_INFO:
              this.getInfo(cb);
              break;
            case GET_PAYLOAD_LENGTH_16:
              this.getPayloadLength16(cb);
              break;
            case GET_PAYLOAD_LENGTH_64:
              this.getPayloadLength64(cb);
              break;
            case GET_MASK:
              this.getMask();
              break;
            case GET_DATA:
              this.getData(cb);
              break;
            case INFLATING:
            case DEFER_EVENT:
              this._loop = false;
              return;
          }
        } while (this._loop);
        if (!this._errored) cb();
      }
      /**
       * Reads the first two bytes of a frame.
       *
       * @param {Function} cb Callback
       * @private
       */
      getInfo(cb) {
        if (this._bufferedBytes < 2) {
          this._loop = false;
          return;
        }
        const buf = this.consume(2);
        if ((buf[0] & 48) !== 0) {
          const error = this.createError(
            RangeError,
            "RSV2 and RSV3 must be clear",
            true,
            1002,
            "WS_ERR_UNEXPECTED_RSV_2_3"
          );
          cb(error);
          return;
        }
        const compressed = (buf[0] & 64) === 64;
        if (compressed && !this._extensions[PerMessageDeflate.extensionName]) {
          const error = this.createError(
            RangeError,
            "RSV1 must be clear",
            true,
            1002,
            "WS_ERR_UNEXPECTED_RSV_1"
          );
          cb(error);
          return;
        }
        this._fin = (buf[0] & 128) === 128;
        this._opcode = buf[0] & 15;
        this._payloadLength = buf[1] & 127;
        if (this._opcode === 0) {
          if (compressed) {
            const error = this.createError(
              RangeError,
              "RSV1 must be clear",
              true,
              1002,
              "WS_ERR_UNEXPECTED_RSV_1"
            );
            cb(error);
            return;
          }
          if (!this._fragmented) {
            const error = this.createError(
              RangeError,
              "invalid opcode 0",
              true,
              1002,
              "WS_ERR_INVALID_OPCODE"
            );
            cb(error);
            return;
          }
          this._opcode = this._fragmented;
        } else if (this._opcode === 1 || this._opcode === 2) {
          if (this._fragmented) {
            const error = this.createError(
              RangeError,
              `invalid opcode ${this._opcode}`,
              true,
              1002,
              "WS_ERR_INVALID_OPCODE"
            );
            cb(error);
            return;
          }
          this._compressed = compressed;
        } else if (this._opcode > 7 && this._opcode < 11) {
          if (!this._fin) {
            const error = this.createError(
              RangeError,
              "FIN must be set",
              true,
              1002,
              "WS_ERR_EXPECTED_FIN"
            );
            cb(error);
            return;
          }
          if (compressed) {
            const error = this.createError(
              RangeError,
              "RSV1 must be clear",
              true,
              1002,
              "WS_ERR_UNEXPECTED_RSV_1"
            );
            cb(error);
            return;
          }
          if (this._payloadLength > 125 || this._opcode === 8 && this._payloadLength === 1) {
            const error = this.createError(
              RangeError,
              `invalid payload length ${this._payloadLength}`,
              true,
              1002,
              "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH"
            );
            cb(error);
            return;
          }
        } else {
          const error = this.createError(
            RangeError,
            `invalid opcode ${this._opcode}`,
            true,
            1002,
            "WS_ERR_INVALID_OPCODE"
          );
          cb(error);
          return;
        }
        if (!this._fin && !this._fragmented) this._fragmented = this._opcode;
        this._masked = (buf[1] & 128) === 128;
        if (this._isServer) {
          if (!this._masked) {
            const error = this.createError(
              RangeError,
              "MASK must be set",
              true,
              1002,
              "WS_ERR_EXPECTED_MASK"
            );
            cb(error);
            return;
          }
        } else if (this._masked) {
          const error = this.createError(
            RangeError,
            "MASK must be clear",
            true,
            1002,
            "WS_ERR_UNEXPECTED_MASK"
          );
          cb(error);
          return;
        }
        if (this._payloadLength === 126) this._state = GET_PAYLOAD_LENGTH_16;
        else if (this._payloadLength === 127) this._state = GET_PAYLOAD_LENGTH_64;
        else this.haveLength(cb);
      }
      /**
       * Gets extended payload length (7+16).
       *
       * @param {Function} cb Callback
       * @private
       */
      getPayloadLength16(cb) {
        if (this._bufferedBytes < 2) {
          this._loop = false;
          return;
        }
        this._payloadLength = this.consume(2).readUInt16BE(0);
        this.haveLength(cb);
      }
      /**
       * Gets extended payload length (7+64).
       *
       * @param {Function} cb Callback
       * @private
       */
      getPayloadLength64(cb) {
        if (this._bufferedBytes < 8) {
          this._loop = false;
          return;
        }
        const buf = this.consume(8);
        const num = buf.readUInt32BE(0);
        if (num > Math.pow(2, 53 - 32) - 1) {
          const error = this.createError(
            RangeError,
            "Unsupported WebSocket frame: payload length > 2^53 - 1",
            false,
            1009,
            "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH"
          );
          cb(error);
          return;
        }
        this._payloadLength = num * Math.pow(2, 32) + buf.readUInt32BE(4);
        this.haveLength(cb);
      }
      /**
       * Payload length has been read.
       *
       * @param {Function} cb Callback
       * @private
       */
      haveLength(cb) {
        if (this._payloadLength && this._opcode < 8) {
          this._totalPayloadLength += this._payloadLength;
          if (this._totalPayloadLength > this._maxPayload && this._maxPayload > 0) {
            const error = this.createError(
              RangeError,
              "Max payload size exceeded",
              false,
              1009,
              "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"
            );
            cb(error);
            return;
          }
        }
        if (this._masked) this._state = GET_MASK;
        else this._state = GET_DATA;
      }
      /**
       * Reads mask bytes.
       *
       * @private
       */
      getMask() {
        if (this._bufferedBytes < 4) {
          this._loop = false;
          return;
        }
        this._mask = this.consume(4);
        this._state = GET_DATA;
      }
      /**
       * Reads data bytes.
       *
       * @param {Function} cb Callback
       * @private
       */
      getData(cb) {
        let data = EMPTY_BUFFER;
        if (this._payloadLength) {
          if (this._bufferedBytes < this._payloadLength) {
            this._loop = false;
            return;
          }
          data = this.consume(this._payloadLength);
          if (this._masked && (this._mask[0] | this._mask[1] | this._mask[2] | this._mask[3]) !== 0) {
            unmask(data, this._mask);
          }
        }
        if (this._opcode > 7) {
          this.controlMessage(data, cb);
          return;
        }
        if (this._compressed) {
          this._state = INFLATING;
          this.decompress(data, cb);
          return;
        }
        if (data.length) {
          this._messageLength = this._totalPayloadLength;
          this._fragments.push(data);
        }
        this.dataMessage(cb);
      }
      /**
       * Decompresses data.
       *
       * @param {Buffer} data Compressed data
       * @param {Function} cb Callback
       * @private
       */
      decompress(data, cb) {
        const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];
        perMessageDeflate.decompress(data, this._fin, (err, buf) => {
          if (err) return cb(err);
          if (buf.length) {
            this._messageLength += buf.length;
            if (this._messageLength > this._maxPayload && this._maxPayload > 0) {
              const error = this.createError(
                RangeError,
                "Max payload size exceeded",
                false,
                1009,
                "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"
              );
              cb(error);
              return;
            }
            this._fragments.push(buf);
          }
          this.dataMessage(cb);
          if (this._state === GET_INFO) this.startLoop(cb);
        });
      }
      /**
       * Handles a data message.
       *
       * @param {Function} cb Callback
       * @private
       */
      dataMessage(cb) {
        if (!this._fin) {
          this._state = GET_INFO;
          return;
        }
        const messageLength = this._messageLength;
        const fragments = this._fragments;
        this._totalPayloadLength = 0;
        this._messageLength = 0;
        this._fragmented = 0;
        this._fragments = [];
        if (this._opcode === 2) {
          let data;
          if (this._binaryType === "nodebuffer") {
            data = concat(fragments, messageLength);
          } else if (this._binaryType === "arraybuffer") {
            data = toArrayBuffer(concat(fragments, messageLength));
          } else if (this._binaryType === "blob") {
            data = new Blob(fragments);
          } else {
            data = fragments;
          }
          if (this._allowSynchronousEvents) {
            this.emit("message", data, true);
            this._state = GET_INFO;
          } else {
            this._state = DEFER_EVENT;
            setImmediate(() => {
              this.emit("message", data, true);
              this._state = GET_INFO;
              this.startLoop(cb);
            });
          }
        } else {
          const buf = concat(fragments, messageLength);
          if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
            const error = this.createError(
              Error,
              "invalid UTF-8 sequence",
              true,
              1007,
              "WS_ERR_INVALID_UTF8"
            );
            cb(error);
            return;
          }
          if (this._state === INFLATING || this._allowSynchronousEvents) {
            this.emit("message", buf, false);
            this._state = GET_INFO;
          } else {
            this._state = DEFER_EVENT;
            setImmediate(() => {
              this.emit("message", buf, false);
              this._state = GET_INFO;
              this.startLoop(cb);
            });
          }
        }
      }
      /**
       * Handles a control message.
       *
       * @param {Buffer} data Data to handle
       * @return {(Error|RangeError|undefined)} A possible error
       * @private
       */
      controlMessage(data, cb) {
        if (this._opcode === 8) {
          if (data.length === 0) {
            this._loop = false;
            this.emit("conclude", 1005, EMPTY_BUFFER);
            this.end();
          } else {
            const code = data.readUInt16BE(0);
            if (!isValidStatusCode(code)) {
              const error = this.createError(
                RangeError,
                `invalid status code ${code}`,
                true,
                1002,
                "WS_ERR_INVALID_CLOSE_CODE"
              );
              cb(error);
              return;
            }
            const buf = new FastBuffer(
              data.buffer,
              data.byteOffset + 2,
              data.length - 2
            );
            if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
              const error = this.createError(
                Error,
                "invalid UTF-8 sequence",
                true,
                1007,
                "WS_ERR_INVALID_UTF8"
              );
              cb(error);
              return;
            }
            this._loop = false;
            this.emit("conclude", code, buf);
            this.end();
          }
          this._state = GET_INFO;
          return;
        }
        if (this._allowSynchronousEvents) {
          this.emit(this._opcode === 9 ? "ping" : "pong", data);
          this._state = GET_INFO;
        } else {
          this._state = DEFER_EVENT;
          setImmediate(() => {
            this.emit(this._opcode === 9 ? "ping" : "pong", data);
            this._state = GET_INFO;
            this.startLoop(cb);
          });
        }
      }
      /**
       * Builds an error object.
       *
       * @param {function(new:Error|RangeError)} ErrorCtor The error constructor
       * @param {String} message The error message
       * @param {Boolean} prefix Specifies whether or not to add a default prefix to
       *     `message`
       * @param {Number} statusCode The status code
       * @param {String} errorCode The exposed error code
       * @return {(Error|RangeError)} The error
       * @private
       */
      createError(ErrorCtor, message, prefix, statusCode, errorCode2) {
        this._loop = false;
        this._errored = true;
        const err = new ErrorCtor(
          prefix ? `Invalid WebSocket frame: ${message}` : message
        );
        Error.captureStackTrace(err, this.createError);
        err.code = errorCode2;
        err[kStatusCode] = statusCode;
        return err;
      }
    };
    module2.exports = Receiver2;
  }
});

// ../node_modules/ws/lib/sender.js
var require_sender = __commonJS({
  "../node_modules/ws/lib/sender.js"(exports2, module2) {
    "use strict";
    var { Duplex } = require("stream");
    var { randomFillSync } = require("crypto");
    var PerMessageDeflate = require_permessage_deflate();
    var { EMPTY_BUFFER, kWebSocket, NOOP } = require_constants();
    var { isBlob, isValidStatusCode } = require_validation();
    var { mask: applyMask, toBuffer } = require_buffer_util();
    var kByteLength = Symbol("kByteLength");
    var maskBuffer = Buffer.alloc(4);
    var RANDOM_POOL_SIZE = 8 * 1024;
    var randomPool;
    var randomPoolPointer = RANDOM_POOL_SIZE;
    var DEFAULT = 0;
    var DEFLATING = 1;
    var GET_BLOB_DATA = 2;
    var Sender2 = class _Sender {
      /**
       * Creates a Sender instance.
       *
       * @param {Duplex} socket The connection socket
       * @param {Object} [extensions] An object containing the negotiated extensions
       * @param {Function} [generateMask] The function used to generate the masking
       *     key
       */
      constructor(socket, extensions, generateMask) {
        this._extensions = extensions || {};
        if (generateMask) {
          this._generateMask = generateMask;
          this._maskBuffer = Buffer.alloc(4);
        }
        this._socket = socket;
        this._firstFragment = true;
        this._compress = false;
        this._bufferedBytes = 0;
        this._queue = [];
        this._state = DEFAULT;
        this.onerror = NOOP;
        this[kWebSocket] = void 0;
      }
      /**
       * Frames a piece of data according to the HyBi WebSocket protocol.
       *
       * @param {(Buffer|String)} data The data to frame
       * @param {Object} options Options object
       * @param {Boolean} [options.fin=false] Specifies whether or not to set the
       *     FIN bit
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
       *     key
       * @param {Number} options.opcode The opcode
       * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
       *     modified
       * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
       *     RSV1 bit
       * @return {(Buffer|String)[]} The framed data
       * @public
       */
      static frame(data, options) {
        let mask;
        let merge = false;
        let offset = 2;
        let skipMasking = false;
        if (options.mask) {
          mask = options.maskBuffer || maskBuffer;
          if (options.generateMask) {
            options.generateMask(mask);
          } else {
            if (randomPoolPointer === RANDOM_POOL_SIZE) {
              if (randomPool === void 0) {
                randomPool = Buffer.alloc(RANDOM_POOL_SIZE);
              }
              randomFillSync(randomPool, 0, RANDOM_POOL_SIZE);
              randomPoolPointer = 0;
            }
            mask[0] = randomPool[randomPoolPointer++];
            mask[1] = randomPool[randomPoolPointer++];
            mask[2] = randomPool[randomPoolPointer++];
            mask[3] = randomPool[randomPoolPointer++];
          }
          skipMasking = (mask[0] | mask[1] | mask[2] | mask[3]) === 0;
          offset = 6;
        }
        let dataLength;
        if (typeof data === "string") {
          if ((!options.mask || skipMasking) && options[kByteLength] !== void 0) {
            dataLength = options[kByteLength];
          } else {
            data = Buffer.from(data);
            dataLength = data.length;
          }
        } else {
          dataLength = data.length;
          merge = options.mask && options.readOnly && !skipMasking;
        }
        let payloadLength = dataLength;
        if (dataLength >= 65536) {
          offset += 8;
          payloadLength = 127;
        } else if (dataLength > 125) {
          offset += 2;
          payloadLength = 126;
        }
        const target = Buffer.allocUnsafe(merge ? dataLength + offset : offset);
        target[0] = options.fin ? options.opcode | 128 : options.opcode;
        if (options.rsv1) target[0] |= 64;
        target[1] = payloadLength;
        if (payloadLength === 126) {
          target.writeUInt16BE(dataLength, 2);
        } else if (payloadLength === 127) {
          target[2] = target[3] = 0;
          target.writeUIntBE(dataLength, 4, 6);
        }
        if (!options.mask) return [target, data];
        target[1] |= 128;
        target[offset - 4] = mask[0];
        target[offset - 3] = mask[1];
        target[offset - 2] = mask[2];
        target[offset - 1] = mask[3];
        if (skipMasking) return [target, data];
        if (merge) {
          applyMask(data, mask, target, offset, dataLength);
          return [target];
        }
        applyMask(data, mask, data, 0, dataLength);
        return [target, data];
      }
      /**
       * Sends a close message to the other peer.
       *
       * @param {Number} [code] The status code component of the body
       * @param {(String|Buffer)} [data] The message component of the body
       * @param {Boolean} [mask=false] Specifies whether or not to mask the message
       * @param {Function} [cb] Callback
       * @public
       */
      close(code, data, mask, cb) {
        let buf;
        if (code === void 0) {
          buf = EMPTY_BUFFER;
        } else if (typeof code !== "number" || !isValidStatusCode(code)) {
          throw new TypeError("First argument must be a valid error code number");
        } else if (data === void 0 || !data.length) {
          buf = Buffer.allocUnsafe(2);
          buf.writeUInt16BE(code, 0);
        } else {
          const length = Buffer.byteLength(data);
          if (length > 123) {
            throw new RangeError("The message must not be greater than 123 bytes");
          }
          buf = Buffer.allocUnsafe(2 + length);
          buf.writeUInt16BE(code, 0);
          if (typeof data === "string") {
            buf.write(data, 2);
          } else {
            buf.set(data, 2);
          }
        }
        const options = {
          [kByteLength]: buf.length,
          fin: true,
          generateMask: this._generateMask,
          mask,
          maskBuffer: this._maskBuffer,
          opcode: 8,
          readOnly: false,
          rsv1: false
        };
        if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, buf, false, options, cb]);
        } else {
          this.sendFrame(_Sender.frame(buf, options), cb);
        }
      }
      /**
       * Sends a ping message to the other peer.
       *
       * @param {*} data The message to send
       * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
       * @param {Function} [cb] Callback
       * @public
       */
      ping(data, mask, cb) {
        let byteLength;
        let readOnly;
        if (typeof data === "string") {
          byteLength = Buffer.byteLength(data);
          readOnly = false;
        } else if (isBlob(data)) {
          byteLength = data.size;
          readOnly = false;
        } else {
          data = toBuffer(data);
          byteLength = data.length;
          readOnly = toBuffer.readOnly;
        }
        if (byteLength > 125) {
          throw new RangeError("The data size must not be greater than 125 bytes");
        }
        const options = {
          [kByteLength]: byteLength,
          fin: true,
          generateMask: this._generateMask,
          mask,
          maskBuffer: this._maskBuffer,
          opcode: 9,
          readOnly,
          rsv1: false
        };
        if (isBlob(data)) {
          if (this._state !== DEFAULT) {
            this.enqueue([this.getBlobData, data, false, options, cb]);
          } else {
            this.getBlobData(data, false, options, cb);
          }
        } else if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, data, false, options, cb]);
        } else {
          this.sendFrame(_Sender.frame(data, options), cb);
        }
      }
      /**
       * Sends a pong message to the other peer.
       *
       * @param {*} data The message to send
       * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
       * @param {Function} [cb] Callback
       * @public
       */
      pong(data, mask, cb) {
        let byteLength;
        let readOnly;
        if (typeof data === "string") {
          byteLength = Buffer.byteLength(data);
          readOnly = false;
        } else if (isBlob(data)) {
          byteLength = data.size;
          readOnly = false;
        } else {
          data = toBuffer(data);
          byteLength = data.length;
          readOnly = toBuffer.readOnly;
        }
        if (byteLength > 125) {
          throw new RangeError("The data size must not be greater than 125 bytes");
        }
        const options = {
          [kByteLength]: byteLength,
          fin: true,
          generateMask: this._generateMask,
          mask,
          maskBuffer: this._maskBuffer,
          opcode: 10,
          readOnly,
          rsv1: false
        };
        if (isBlob(data)) {
          if (this._state !== DEFAULT) {
            this.enqueue([this.getBlobData, data, false, options, cb]);
          } else {
            this.getBlobData(data, false, options, cb);
          }
        } else if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, data, false, options, cb]);
        } else {
          this.sendFrame(_Sender.frame(data, options), cb);
        }
      }
      /**
       * Sends a data message to the other peer.
       *
       * @param {*} data The message to send
       * @param {Object} options Options object
       * @param {Boolean} [options.binary=false] Specifies whether `data` is binary
       *     or text
       * @param {Boolean} [options.compress=false] Specifies whether or not to
       *     compress `data`
       * @param {Boolean} [options.fin=false] Specifies whether the fragment is the
       *     last one
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Function} [cb] Callback
       * @public
       */
      send(data, options, cb) {
        const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];
        let opcode = options.binary ? 2 : 1;
        let rsv1 = options.compress;
        let byteLength;
        let readOnly;
        if (typeof data === "string") {
          byteLength = Buffer.byteLength(data);
          readOnly = false;
        } else if (isBlob(data)) {
          byteLength = data.size;
          readOnly = false;
        } else {
          data = toBuffer(data);
          byteLength = data.length;
          readOnly = toBuffer.readOnly;
        }
        if (this._firstFragment) {
          this._firstFragment = false;
          if (rsv1 && perMessageDeflate && perMessageDeflate.params[perMessageDeflate._isServer ? "server_no_context_takeover" : "client_no_context_takeover"]) {
            rsv1 = byteLength >= perMessageDeflate._threshold;
          }
          this._compress = rsv1;
        } else {
          rsv1 = false;
          opcode = 0;
        }
        if (options.fin) this._firstFragment = true;
        const opts = {
          [kByteLength]: byteLength,
          fin: options.fin,
          generateMask: this._generateMask,
          mask: options.mask,
          maskBuffer: this._maskBuffer,
          opcode,
          readOnly,
          rsv1
        };
        if (isBlob(data)) {
          if (this._state !== DEFAULT) {
            this.enqueue([this.getBlobData, data, this._compress, opts, cb]);
          } else {
            this.getBlobData(data, this._compress, opts, cb);
          }
        } else if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, data, this._compress, opts, cb]);
        } else {
          this.dispatch(data, this._compress, opts, cb);
        }
      }
      /**
       * Gets the contents of a blob as binary data.
       *
       * @param {Blob} blob The blob
       * @param {Boolean} [compress=false] Specifies whether or not to compress
       *     the data
       * @param {Object} options Options object
       * @param {Boolean} [options.fin=false] Specifies whether or not to set the
       *     FIN bit
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
       *     key
       * @param {Number} options.opcode The opcode
       * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
       *     modified
       * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
       *     RSV1 bit
       * @param {Function} [cb] Callback
       * @private
       */
      getBlobData(blob, compress, options, cb) {
        this._bufferedBytes += options[kByteLength];
        this._state = GET_BLOB_DATA;
        blob.arrayBuffer().then((arrayBuffer) => {
          if (this._socket.destroyed) {
            const err = new Error(
              "The socket was closed while the blob was being read"
            );
            process.nextTick(callCallbacks, this, err, cb);
            return;
          }
          this._bufferedBytes -= options[kByteLength];
          const data = toBuffer(arrayBuffer);
          if (!compress) {
            this._state = DEFAULT;
            this.sendFrame(_Sender.frame(data, options), cb);
            this.dequeue();
          } else {
            this.dispatch(data, compress, options, cb);
          }
        }).catch((err) => {
          process.nextTick(onError, this, err, cb);
        });
      }
      /**
       * Dispatches a message.
       *
       * @param {(Buffer|String)} data The message to send
       * @param {Boolean} [compress=false] Specifies whether or not to compress
       *     `data`
       * @param {Object} options Options object
       * @param {Boolean} [options.fin=false] Specifies whether or not to set the
       *     FIN bit
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
       *     key
       * @param {Number} options.opcode The opcode
       * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
       *     modified
       * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
       *     RSV1 bit
       * @param {Function} [cb] Callback
       * @private
       */
      dispatch(data, compress, options, cb) {
        if (!compress) {
          this.sendFrame(_Sender.frame(data, options), cb);
          return;
        }
        const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];
        this._bufferedBytes += options[kByteLength];
        this._state = DEFLATING;
        perMessageDeflate.compress(data, options.fin, (_, buf) => {
          if (this._socket.destroyed) {
            const err = new Error(
              "The socket was closed while data was being compressed"
            );
            callCallbacks(this, err, cb);
            return;
          }
          this._bufferedBytes -= options[kByteLength];
          this._state = DEFAULT;
          options.readOnly = false;
          this.sendFrame(_Sender.frame(buf, options), cb);
          this.dequeue();
        });
      }
      /**
       * Executes queued send operations.
       *
       * @private
       */
      dequeue() {
        while (this._state === DEFAULT && this._queue.length) {
          const params = this._queue.shift();
          this._bufferedBytes -= params[3][kByteLength];
          Reflect.apply(params[0], this, params.slice(1));
        }
      }
      /**
       * Enqueues a send operation.
       *
       * @param {Array} params Send operation parameters.
       * @private
       */
      enqueue(params) {
        this._bufferedBytes += params[3][kByteLength];
        this._queue.push(params);
      }
      /**
       * Sends a frame.
       *
       * @param {(Buffer | String)[]} list The frame to send
       * @param {Function} [cb] Callback
       * @private
       */
      sendFrame(list, cb) {
        if (list.length === 2) {
          this._socket.cork();
          this._socket.write(list[0]);
          this._socket.write(list[1], cb);
          this._socket.uncork();
        } else {
          this._socket.write(list[0], cb);
        }
      }
    };
    module2.exports = Sender2;
    function callCallbacks(sender, err, cb) {
      if (typeof cb === "function") cb(err);
      for (let i = 0; i < sender._queue.length; i++) {
        const params = sender._queue[i];
        const callback = params[params.length - 1];
        if (typeof callback === "function") callback(err);
      }
    }
    function onError(sender, err, cb) {
      callCallbacks(sender, err, cb);
      sender.onerror(err);
    }
  }
});

// ../node_modules/ws/lib/event-target.js
var require_event_target = __commonJS({
  "../node_modules/ws/lib/event-target.js"(exports2, module2) {
    "use strict";
    var { kForOnEventAttribute, kListener } = require_constants();
    var kCode = Symbol("kCode");
    var kData = Symbol("kData");
    var kError = Symbol("kError");
    var kMessage = Symbol("kMessage");
    var kReason = Symbol("kReason");
    var kTarget = Symbol("kTarget");
    var kType = Symbol("kType");
    var kWasClean = Symbol("kWasClean");
    var Event = class {
      /**
       * Create a new `Event`.
       *
       * @param {String} type The name of the event
       * @throws {TypeError} If the `type` argument is not specified
       */
      constructor(type) {
        this[kTarget] = null;
        this[kType] = type;
      }
      /**
       * @type {*}
       */
      get target() {
        return this[kTarget];
      }
      /**
       * @type {String}
       */
      get type() {
        return this[kType];
      }
    };
    Object.defineProperty(Event.prototype, "target", { enumerable: true });
    Object.defineProperty(Event.prototype, "type", { enumerable: true });
    var CloseEvent = class extends Event {
      /**
       * Create a new `CloseEvent`.
       *
       * @param {String} type The name of the event
       * @param {Object} [options] A dictionary object that allows for setting
       *     attributes via object members of the same name
       * @param {Number} [options.code=0] The status code explaining why the
       *     connection was closed
       * @param {String} [options.reason=''] A human-readable string explaining why
       *     the connection was closed
       * @param {Boolean} [options.wasClean=false] Indicates whether or not the
       *     connection was cleanly closed
       */
      constructor(type, options = {}) {
        super(type);
        this[kCode] = options.code === void 0 ? 0 : options.code;
        this[kReason] = options.reason === void 0 ? "" : options.reason;
        this[kWasClean] = options.wasClean === void 0 ? false : options.wasClean;
      }
      /**
       * @type {Number}
       */
      get code() {
        return this[kCode];
      }
      /**
       * @type {String}
       */
      get reason() {
        return this[kReason];
      }
      /**
       * @type {Boolean}
       */
      get wasClean() {
        return this[kWasClean];
      }
    };
    Object.defineProperty(CloseEvent.prototype, "code", { enumerable: true });
    Object.defineProperty(CloseEvent.prototype, "reason", { enumerable: true });
    Object.defineProperty(CloseEvent.prototype, "wasClean", { enumerable: true });
    var ErrorEvent = class extends Event {
      /**
       * Create a new `ErrorEvent`.
       *
       * @param {String} type The name of the event
       * @param {Object} [options] A dictionary object that allows for setting
       *     attributes via object members of the same name
       * @param {*} [options.error=null] The error that generated this event
       * @param {String} [options.message=''] The error message
       */
      constructor(type, options = {}) {
        super(type);
        this[kError] = options.error === void 0 ? null : options.error;
        this[kMessage] = options.message === void 0 ? "" : options.message;
      }
      /**
       * @type {*}
       */
      get error() {
        return this[kError];
      }
      /**
       * @type {String}
       */
      get message() {
        return this[kMessage];
      }
    };
    Object.defineProperty(ErrorEvent.prototype, "error", { enumerable: true });
    Object.defineProperty(ErrorEvent.prototype, "message", { enumerable: true });
    var MessageEvent = class extends Event {
      /**
       * Create a new `MessageEvent`.
       *
       * @param {String} type The name of the event
       * @param {Object} [options] A dictionary object that allows for setting
       *     attributes via object members of the same name
       * @param {*} [options.data=null] The message content
       */
      constructor(type, options = {}) {
        super(type);
        this[kData] = options.data === void 0 ? null : options.data;
      }
      /**
       * @type {*}
       */
      get data() {
        return this[kData];
      }
    };
    Object.defineProperty(MessageEvent.prototype, "data", { enumerable: true });
    var EventTarget = {
      /**
       * Register an event listener.
       *
       * @param {String} type A string representing the event type to listen for
       * @param {(Function|Object)} handler The listener to add
       * @param {Object} [options] An options object specifies characteristics about
       *     the event listener
       * @param {Boolean} [options.once=false] A `Boolean` indicating that the
       *     listener should be invoked at most once after being added. If `true`,
       *     the listener would be automatically removed when invoked.
       * @public
       */
      addEventListener(type, handler, options = {}) {
        for (const listener of this.listeners(type)) {
          if (!options[kForOnEventAttribute] && listener[kListener] === handler && !listener[kForOnEventAttribute]) {
            return;
          }
        }
        let wrapper;
        if (type === "message") {
          wrapper = function onMessage(data, isBinary) {
            const event = new MessageEvent("message", {
              data: isBinary ? data : data.toString()
            });
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else if (type === "close") {
          wrapper = function onClose(code, message) {
            const event = new CloseEvent("close", {
              code,
              reason: message.toString(),
              wasClean: this._closeFrameReceived && this._closeFrameSent
            });
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else if (type === "error") {
          wrapper = function onError(error) {
            const event = new ErrorEvent("error", {
              error,
              message: error.message
            });
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else if (type === "open") {
          wrapper = function onOpen() {
            const event = new Event("open");
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else {
          return;
        }
        wrapper[kForOnEventAttribute] = !!options[kForOnEventAttribute];
        wrapper[kListener] = handler;
        if (options.once) {
          this.once(type, wrapper);
        } else {
          this.on(type, wrapper);
        }
      },
      /**
       * Remove an event listener.
       *
       * @param {String} type A string representing the event type to remove
       * @param {(Function|Object)} handler The listener to remove
       * @public
       */
      removeEventListener(type, handler) {
        for (const listener of this.listeners(type)) {
          if (listener[kListener] === handler && !listener[kForOnEventAttribute]) {
            this.removeListener(type, listener);
            break;
          }
        }
      }
    };
    module2.exports = {
      CloseEvent,
      ErrorEvent,
      Event,
      EventTarget,
      MessageEvent
    };
    function callListener(listener, thisArg, event) {
      if (typeof listener === "object" && listener.handleEvent) {
        listener.handleEvent.call(listener, event);
      } else {
        listener.call(thisArg, event);
      }
    }
  }
});

// ../node_modules/ws/lib/extension.js
var require_extension = __commonJS({
  "../node_modules/ws/lib/extension.js"(exports2, module2) {
    "use strict";
    var { tokenChars } = require_validation();
    function push(dest, name, elem) {
      if (dest[name] === void 0) dest[name] = [elem];
      else dest[name].push(elem);
    }
    function parse(header) {
      const offers = /* @__PURE__ */ Object.create(null);
      let params = /* @__PURE__ */ Object.create(null);
      let mustUnescape = false;
      let isEscaping = false;
      let inQuotes = false;
      let extensionName;
      let paramName;
      let start = -1;
      let code = -1;
      let end = -1;
      let i = 0;
      for (; i < header.length; i++) {
        code = header.charCodeAt(i);
        if (extensionName === void 0) {
          if (end === -1 && tokenChars[code] === 1) {
            if (start === -1) start = i;
          } else if (i !== 0 && (code === 32 || code === 9)) {
            if (end === -1 && start !== -1) end = i;
          } else if (code === 59 || code === 44) {
            if (start === -1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (end === -1) end = i;
            const name = header.slice(start, end);
            if (code === 44) {
              push(offers, name, params);
              params = /* @__PURE__ */ Object.create(null);
            } else {
              extensionName = name;
            }
            start = end = -1;
          } else {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
        } else if (paramName === void 0) {
          if (end === -1 && tokenChars[code] === 1) {
            if (start === -1) start = i;
          } else if (code === 32 || code === 9) {
            if (end === -1 && start !== -1) end = i;
          } else if (code === 59 || code === 44) {
            if (start === -1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (end === -1) end = i;
            push(params, header.slice(start, end), true);
            if (code === 44) {
              push(offers, extensionName, params);
              params = /* @__PURE__ */ Object.create(null);
              extensionName = void 0;
            }
            start = end = -1;
          } else if (code === 61 && start !== -1 && end === -1) {
            paramName = header.slice(start, i);
            start = end = -1;
          } else {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
        } else {
          if (isEscaping) {
            if (tokenChars[code] !== 1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (start === -1) start = i;
            else if (!mustUnescape) mustUnescape = true;
            isEscaping = false;
          } else if (inQuotes) {
            if (tokenChars[code] === 1) {
              if (start === -1) start = i;
            } else if (code === 34 && start !== -1) {
              inQuotes = false;
              end = i;
            } else if (code === 92) {
              isEscaping = true;
            } else {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
          } else if (code === 34 && header.charCodeAt(i - 1) === 61) {
            inQuotes = true;
          } else if (end === -1 && tokenChars[code] === 1) {
            if (start === -1) start = i;
          } else if (start !== -1 && (code === 32 || code === 9)) {
            if (end === -1) end = i;
          } else if (code === 59 || code === 44) {
            if (start === -1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (end === -1) end = i;
            let value = header.slice(start, end);
            if (mustUnescape) {
              value = value.replace(/\\/g, "");
              mustUnescape = false;
            }
            push(params, paramName, value);
            if (code === 44) {
              push(offers, extensionName, params);
              params = /* @__PURE__ */ Object.create(null);
              extensionName = void 0;
            }
            paramName = void 0;
            start = end = -1;
          } else {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
        }
      }
      if (start === -1 || inQuotes || code === 32 || code === 9) {
        throw new SyntaxError("Unexpected end of input");
      }
      if (end === -1) end = i;
      const token = header.slice(start, end);
      if (extensionName === void 0) {
        push(offers, token, params);
      } else {
        if (paramName === void 0) {
          push(params, token, true);
        } else if (mustUnescape) {
          push(params, paramName, token.replace(/\\/g, ""));
        } else {
          push(params, paramName, token);
        }
        push(offers, extensionName, params);
      }
      return offers;
    }
    function format(extensions) {
      return Object.keys(extensions).map((extension) => {
        let configurations = extensions[extension];
        if (!Array.isArray(configurations)) configurations = [configurations];
        return configurations.map((params) => {
          return [extension].concat(
            Object.keys(params).map((k) => {
              let values = params[k];
              if (!Array.isArray(values)) values = [values];
              return values.map((v) => v === true ? k : `${k}=${v}`).join("; ");
            })
          ).join("; ");
        }).join(", ");
      }).join(", ");
    }
    module2.exports = { format, parse };
  }
});

// ../node_modules/ws/lib/websocket.js
var require_websocket = __commonJS({
  "../node_modules/ws/lib/websocket.js"(exports2, module2) {
    "use strict";
    var EventEmitter = require("events");
    var https = require("https");
    var http = require("http");
    var net = require("net");
    var tls = require("tls");
    var { randomBytes, createHash: createHash2 } = require("crypto");
    var { Duplex, Readable } = require("stream");
    var { URL: URL2 } = require("url");
    var PerMessageDeflate = require_permessage_deflate();
    var Receiver2 = require_receiver();
    var Sender2 = require_sender();
    var { isBlob } = require_validation();
    var {
      BINARY_TYPES,
      EMPTY_BUFFER,
      GUID,
      kForOnEventAttribute,
      kListener,
      kStatusCode,
      kWebSocket,
      NOOP
    } = require_constants();
    var {
      EventTarget: { addEventListener, removeEventListener }
    } = require_event_target();
    var { format, parse } = require_extension();
    var { toBuffer } = require_buffer_util();
    var closeTimeout = 30 * 1e3;
    var kAborted = Symbol("kAborted");
    var protocolVersions = [8, 13];
    var readyStates = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];
    var subprotocolRegex = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;
    var WebSocket2 = class _WebSocket extends EventEmitter {
      /**
       * Create a new `WebSocket`.
       *
       * @param {(String|URL)} address The URL to which to connect
       * @param {(String|String[])} [protocols] The subprotocols
       * @param {Object} [options] Connection options
       */
      constructor(address, protocols, options) {
        super();
        this._binaryType = BINARY_TYPES[0];
        this._closeCode = 1006;
        this._closeFrameReceived = false;
        this._closeFrameSent = false;
        this._closeMessage = EMPTY_BUFFER;
        this._closeTimer = null;
        this._errorEmitted = false;
        this._extensions = {};
        this._paused = false;
        this._protocol = "";
        this._readyState = _WebSocket.CONNECTING;
        this._receiver = null;
        this._sender = null;
        this._socket = null;
        if (address !== null) {
          this._bufferedAmount = 0;
          this._isServer = false;
          this._redirects = 0;
          if (protocols === void 0) {
            protocols = [];
          } else if (!Array.isArray(protocols)) {
            if (typeof protocols === "object" && protocols !== null) {
              options = protocols;
              protocols = [];
            } else {
              protocols = [protocols];
            }
          }
          initAsClient(this, address, protocols, options);
        } else {
          this._autoPong = options.autoPong;
          this._isServer = true;
        }
      }
      /**
       * For historical reasons, the custom "nodebuffer" type is used by the default
       * instead of "blob".
       *
       * @type {String}
       */
      get binaryType() {
        return this._binaryType;
      }
      set binaryType(type) {
        if (!BINARY_TYPES.includes(type)) return;
        this._binaryType = type;
        if (this._receiver) this._receiver._binaryType = type;
      }
      /**
       * @type {Number}
       */
      get bufferedAmount() {
        if (!this._socket) return this._bufferedAmount;
        return this._socket._writableState.length + this._sender._bufferedBytes;
      }
      /**
       * @type {String}
       */
      get extensions() {
        return Object.keys(this._extensions).join();
      }
      /**
       * @type {Boolean}
       */
      get isPaused() {
        return this._paused;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onclose() {
        return null;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onerror() {
        return null;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onopen() {
        return null;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onmessage() {
        return null;
      }
      /**
       * @type {String}
       */
      get protocol() {
        return this._protocol;
      }
      /**
       * @type {Number}
       */
      get readyState() {
        return this._readyState;
      }
      /**
       * @type {String}
       */
      get url() {
        return this._url;
      }
      /**
       * Set up the socket and the internal resources.
       *
       * @param {Duplex} socket The network socket between the server and client
       * @param {Buffer} head The first packet of the upgraded stream
       * @param {Object} options Options object
       * @param {Boolean} [options.allowSynchronousEvents=false] Specifies whether
       *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
       *     multiple times in the same tick
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Number} [options.maxPayload=0] The maximum allowed message size
       * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
       *     not to skip UTF-8 validation for text and close messages
       * @private
       */
      setSocket(socket, head, options) {
        const receiver = new Receiver2({
          allowSynchronousEvents: options.allowSynchronousEvents,
          binaryType: this.binaryType,
          extensions: this._extensions,
          isServer: this._isServer,
          maxPayload: options.maxPayload,
          skipUTF8Validation: options.skipUTF8Validation
        });
        const sender = new Sender2(socket, this._extensions, options.generateMask);
        this._receiver = receiver;
        this._sender = sender;
        this._socket = socket;
        receiver[kWebSocket] = this;
        sender[kWebSocket] = this;
        socket[kWebSocket] = this;
        receiver.on("conclude", receiverOnConclude);
        receiver.on("drain", receiverOnDrain);
        receiver.on("error", receiverOnError);
        receiver.on("message", receiverOnMessage);
        receiver.on("ping", receiverOnPing);
        receiver.on("pong", receiverOnPong);
        sender.onerror = senderOnError;
        if (socket.setTimeout) socket.setTimeout(0);
        if (socket.setNoDelay) socket.setNoDelay();
        if (head.length > 0) socket.unshift(head);
        socket.on("close", socketOnClose);
        socket.on("data", socketOnData);
        socket.on("end", socketOnEnd);
        socket.on("error", socketOnError);
        this._readyState = _WebSocket.OPEN;
        this.emit("open");
      }
      /**
       * Emit the `'close'` event.
       *
       * @private
       */
      emitClose() {
        if (!this._socket) {
          this._readyState = _WebSocket.CLOSED;
          this.emit("close", this._closeCode, this._closeMessage);
          return;
        }
        if (this._extensions[PerMessageDeflate.extensionName]) {
          this._extensions[PerMessageDeflate.extensionName].cleanup();
        }
        this._receiver.removeAllListeners();
        this._readyState = _WebSocket.CLOSED;
        this.emit("close", this._closeCode, this._closeMessage);
      }
      /**
       * Start a closing handshake.
       *
       *          +----------+   +-----------+   +----------+
       *     - - -|ws.close()|-->|close frame|-->|ws.close()|- - -
       *    |     +----------+   +-----------+   +----------+     |
       *          +----------+   +-----------+         |
       * CLOSING  |ws.close()|<--|close frame|<--+-----+       CLOSING
       *          +----------+   +-----------+   |
       *    |           |                        |   +---+        |
       *                +------------------------+-->|fin| - - - -
       *    |         +---+                      |   +---+
       *     - - - - -|fin|<---------------------+
       *              +---+
       *
       * @param {Number} [code] Status code explaining why the connection is closing
       * @param {(String|Buffer)} [data] The reason why the connection is
       *     closing
       * @public
       */
      close(code, data) {
        if (this.readyState === _WebSocket.CLOSED) return;
        if (this.readyState === _WebSocket.CONNECTING) {
          const msg = "WebSocket was closed before the connection was established";
          abortHandshake(this, this._req, msg);
          return;
        }
        if (this.readyState === _WebSocket.CLOSING) {
          if (this._closeFrameSent && (this._closeFrameReceived || this._receiver._writableState.errorEmitted)) {
            this._socket.end();
          }
          return;
        }
        this._readyState = _WebSocket.CLOSING;
        this._sender.close(code, data, !this._isServer, (err) => {
          if (err) return;
          this._closeFrameSent = true;
          if (this._closeFrameReceived || this._receiver._writableState.errorEmitted) {
            this._socket.end();
          }
        });
        setCloseTimer(this);
      }
      /**
       * Pause the socket.
       *
       * @public
       */
      pause() {
        if (this.readyState === _WebSocket.CONNECTING || this.readyState === _WebSocket.CLOSED) {
          return;
        }
        this._paused = true;
        this._socket.pause();
      }
      /**
       * Send a ping.
       *
       * @param {*} [data] The data to send
       * @param {Boolean} [mask] Indicates whether or not to mask `data`
       * @param {Function} [cb] Callback which is executed when the ping is sent
       * @public
       */
      ping(data, mask, cb) {
        if (this.readyState === _WebSocket.CONNECTING) {
          throw new Error("WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (typeof data === "function") {
          cb = data;
          data = mask = void 0;
        } else if (typeof mask === "function") {
          cb = mask;
          mask = void 0;
        }
        if (typeof data === "number") data = data.toString();
        if (this.readyState !== _WebSocket.OPEN) {
          sendAfterClose(this, data, cb);
          return;
        }
        if (mask === void 0) mask = !this._isServer;
        this._sender.ping(data || EMPTY_BUFFER, mask, cb);
      }
      /**
       * Send a pong.
       *
       * @param {*} [data] The data to send
       * @param {Boolean} [mask] Indicates whether or not to mask `data`
       * @param {Function} [cb] Callback which is executed when the pong is sent
       * @public
       */
      pong(data, mask, cb) {
        if (this.readyState === _WebSocket.CONNECTING) {
          throw new Error("WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (typeof data === "function") {
          cb = data;
          data = mask = void 0;
        } else if (typeof mask === "function") {
          cb = mask;
          mask = void 0;
        }
        if (typeof data === "number") data = data.toString();
        if (this.readyState !== _WebSocket.OPEN) {
          sendAfterClose(this, data, cb);
          return;
        }
        if (mask === void 0) mask = !this._isServer;
        this._sender.pong(data || EMPTY_BUFFER, mask, cb);
      }
      /**
       * Resume the socket.
       *
       * @public
       */
      resume() {
        if (this.readyState === _WebSocket.CONNECTING || this.readyState === _WebSocket.CLOSED) {
          return;
        }
        this._paused = false;
        if (!this._receiver._writableState.needDrain) this._socket.resume();
      }
      /**
       * Send a data message.
       *
       * @param {*} data The message to send
       * @param {Object} [options] Options object
       * @param {Boolean} [options.binary] Specifies whether `data` is binary or
       *     text
       * @param {Boolean} [options.compress] Specifies whether or not to compress
       *     `data`
       * @param {Boolean} [options.fin=true] Specifies whether the fragment is the
       *     last one
       * @param {Boolean} [options.mask] Specifies whether or not to mask `data`
       * @param {Function} [cb] Callback which is executed when data is written out
       * @public
       */
      send(data, options, cb) {
        if (this.readyState === _WebSocket.CONNECTING) {
          throw new Error("WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (typeof options === "function") {
          cb = options;
          options = {};
        }
        if (typeof data === "number") data = data.toString();
        if (this.readyState !== _WebSocket.OPEN) {
          sendAfterClose(this, data, cb);
          return;
        }
        const opts = {
          binary: typeof data !== "string",
          mask: !this._isServer,
          compress: true,
          fin: true,
          ...options
        };
        if (!this._extensions[PerMessageDeflate.extensionName]) {
          opts.compress = false;
        }
        this._sender.send(data || EMPTY_BUFFER, opts, cb);
      }
      /**
       * Forcibly close the connection.
       *
       * @public
       */
      terminate() {
        if (this.readyState === _WebSocket.CLOSED) return;
        if (this.readyState === _WebSocket.CONNECTING) {
          const msg = "WebSocket was closed before the connection was established";
          abortHandshake(this, this._req, msg);
          return;
        }
        if (this._socket) {
          this._readyState = _WebSocket.CLOSING;
          this._socket.destroy();
        }
      }
    };
    Object.defineProperty(WebSocket2, "CONNECTING", {
      enumerable: true,
      value: readyStates.indexOf("CONNECTING")
    });
    Object.defineProperty(WebSocket2.prototype, "CONNECTING", {
      enumerable: true,
      value: readyStates.indexOf("CONNECTING")
    });
    Object.defineProperty(WebSocket2, "OPEN", {
      enumerable: true,
      value: readyStates.indexOf("OPEN")
    });
    Object.defineProperty(WebSocket2.prototype, "OPEN", {
      enumerable: true,
      value: readyStates.indexOf("OPEN")
    });
    Object.defineProperty(WebSocket2, "CLOSING", {
      enumerable: true,
      value: readyStates.indexOf("CLOSING")
    });
    Object.defineProperty(WebSocket2.prototype, "CLOSING", {
      enumerable: true,
      value: readyStates.indexOf("CLOSING")
    });
    Object.defineProperty(WebSocket2, "CLOSED", {
      enumerable: true,
      value: readyStates.indexOf("CLOSED")
    });
    Object.defineProperty(WebSocket2.prototype, "CLOSED", {
      enumerable: true,
      value: readyStates.indexOf("CLOSED")
    });
    [
      "binaryType",
      "bufferedAmount",
      "extensions",
      "isPaused",
      "protocol",
      "readyState",
      "url"
    ].forEach((property) => {
      Object.defineProperty(WebSocket2.prototype, property, { enumerable: true });
    });
    ["open", "error", "close", "message"].forEach((method) => {
      Object.defineProperty(WebSocket2.prototype, `on${method}`, {
        enumerable: true,
        get() {
          for (const listener of this.listeners(method)) {
            if (listener[kForOnEventAttribute]) return listener[kListener];
          }
          return null;
        },
        set(handler) {
          for (const listener of this.listeners(method)) {
            if (listener[kForOnEventAttribute]) {
              this.removeListener(method, listener);
              break;
            }
          }
          if (typeof handler !== "function") return;
          this.addEventListener(method, handler, {
            [kForOnEventAttribute]: true
          });
        }
      });
    });
    WebSocket2.prototype.addEventListener = addEventListener;
    WebSocket2.prototype.removeEventListener = removeEventListener;
    module2.exports = WebSocket2;
    function initAsClient(websocket, address, protocols, options) {
      const opts = {
        allowSynchronousEvents: true,
        autoPong: true,
        protocolVersion: protocolVersions[1],
        maxPayload: 100 * 1024 * 1024,
        skipUTF8Validation: false,
        perMessageDeflate: true,
        followRedirects: false,
        maxRedirects: 10,
        ...options,
        socketPath: void 0,
        hostname: void 0,
        protocol: void 0,
        timeout: void 0,
        method: "GET",
        host: void 0,
        path: void 0,
        port: void 0
      };
      websocket._autoPong = opts.autoPong;
      if (!protocolVersions.includes(opts.protocolVersion)) {
        throw new RangeError(
          `Unsupported protocol version: ${opts.protocolVersion} (supported versions: ${protocolVersions.join(", ")})`
        );
      }
      let parsedUrl;
      if (address instanceof URL2) {
        parsedUrl = address;
      } else {
        try {
          parsedUrl = new URL2(address);
        } catch (e) {
          throw new SyntaxError(`Invalid URL: ${address}`);
        }
      }
      if (parsedUrl.protocol === "http:") {
        parsedUrl.protocol = "ws:";
      } else if (parsedUrl.protocol === "https:") {
        parsedUrl.protocol = "wss:";
      }
      websocket._url = parsedUrl.href;
      const isSecure = parsedUrl.protocol === "wss:";
      const isIpcUrl = parsedUrl.protocol === "ws+unix:";
      let invalidUrlMessage;
      if (parsedUrl.protocol !== "ws:" && !isSecure && !isIpcUrl) {
        invalidUrlMessage = `The URL's protocol must be one of "ws:", "wss:", "http:", "https:", or "ws+unix:"`;
      } else if (isIpcUrl && !parsedUrl.pathname) {
        invalidUrlMessage = "The URL's pathname is empty";
      } else if (parsedUrl.hash) {
        invalidUrlMessage = "The URL contains a fragment identifier";
      }
      if (invalidUrlMessage) {
        const err = new SyntaxError(invalidUrlMessage);
        if (websocket._redirects === 0) {
          throw err;
        } else {
          emitErrorAndClose(websocket, err);
          return;
        }
      }
      const defaultPort = isSecure ? 443 : 80;
      const key = randomBytes(16).toString("base64");
      const request = isSecure ? https.request : http.request;
      const protocolSet = /* @__PURE__ */ new Set();
      let perMessageDeflate;
      opts.createConnection = opts.createConnection || (isSecure ? tlsConnect : netConnect);
      opts.defaultPort = opts.defaultPort || defaultPort;
      opts.port = parsedUrl.port || defaultPort;
      opts.host = parsedUrl.hostname.startsWith("[") ? parsedUrl.hostname.slice(1, -1) : parsedUrl.hostname;
      opts.headers = {
        ...opts.headers,
        "Sec-WebSocket-Version": opts.protocolVersion,
        "Sec-WebSocket-Key": key,
        Connection: "Upgrade",
        Upgrade: "websocket"
      };
      opts.path = parsedUrl.pathname + parsedUrl.search;
      opts.timeout = opts.handshakeTimeout;
      if (opts.perMessageDeflate) {
        perMessageDeflate = new PerMessageDeflate(
          opts.perMessageDeflate !== true ? opts.perMessageDeflate : {},
          false,
          opts.maxPayload
        );
        opts.headers["Sec-WebSocket-Extensions"] = format({
          [PerMessageDeflate.extensionName]: perMessageDeflate.offer()
        });
      }
      if (protocols.length) {
        for (const protocol of protocols) {
          if (typeof protocol !== "string" || !subprotocolRegex.test(protocol) || protocolSet.has(protocol)) {
            throw new SyntaxError(
              "An invalid or duplicated subprotocol was specified"
            );
          }
          protocolSet.add(protocol);
        }
        opts.headers["Sec-WebSocket-Protocol"] = protocols.join(",");
      }
      if (opts.origin) {
        if (opts.protocolVersion < 13) {
          opts.headers["Sec-WebSocket-Origin"] = opts.origin;
        } else {
          opts.headers.Origin = opts.origin;
        }
      }
      if (parsedUrl.username || parsedUrl.password) {
        opts.auth = `${parsedUrl.username}:${parsedUrl.password}`;
      }
      if (isIpcUrl) {
        const parts = opts.path.split(":");
        opts.socketPath = parts[0];
        opts.path = parts[1];
      }
      let req;
      if (opts.followRedirects) {
        if (websocket._redirects === 0) {
          websocket._originalIpc = isIpcUrl;
          websocket._originalSecure = isSecure;
          websocket._originalHostOrSocketPath = isIpcUrl ? opts.socketPath : parsedUrl.host;
          const headers = options && options.headers;
          options = { ...options, headers: {} };
          if (headers) {
            for (const [key2, value] of Object.entries(headers)) {
              options.headers[key2.toLowerCase()] = value;
            }
          }
        } else if (websocket.listenerCount("redirect") === 0) {
          const isSameHost = isIpcUrl ? websocket._originalIpc ? opts.socketPath === websocket._originalHostOrSocketPath : false : websocket._originalIpc ? false : parsedUrl.host === websocket._originalHostOrSocketPath;
          if (!isSameHost || websocket._originalSecure && !isSecure) {
            delete opts.headers.authorization;
            delete opts.headers.cookie;
            if (!isSameHost) delete opts.headers.host;
            opts.auth = void 0;
          }
        }
        if (opts.auth && !options.headers.authorization) {
          options.headers.authorization = "Basic " + Buffer.from(opts.auth).toString("base64");
        }
        req = websocket._req = request(opts);
        if (websocket._redirects) {
          websocket.emit("redirect", websocket.url, req);
        }
      } else {
        req = websocket._req = request(opts);
      }
      if (opts.timeout) {
        req.on("timeout", () => {
          abortHandshake(websocket, req, "Opening handshake has timed out");
        });
      }
      req.on("error", (err) => {
        if (req === null || req[kAborted]) return;
        req = websocket._req = null;
        emitErrorAndClose(websocket, err);
      });
      req.on("response", (res) => {
        const location = res.headers.location;
        const statusCode = res.statusCode;
        if (location && opts.followRedirects && statusCode >= 300 && statusCode < 400) {
          if (++websocket._redirects > opts.maxRedirects) {
            abortHandshake(websocket, req, "Maximum redirects exceeded");
            return;
          }
          req.abort();
          let addr;
          try {
            addr = new URL2(location, address);
          } catch (e) {
            const err = new SyntaxError(`Invalid URL: ${location}`);
            emitErrorAndClose(websocket, err);
            return;
          }
          initAsClient(websocket, addr, protocols, options);
        } else if (!websocket.emit("unexpected-response", req, res)) {
          abortHandshake(
            websocket,
            req,
            `Unexpected server response: ${res.statusCode}`
          );
        }
      });
      req.on("upgrade", (res, socket, head) => {
        websocket.emit("upgrade", res);
        if (websocket.readyState !== WebSocket2.CONNECTING) return;
        req = websocket._req = null;
        const upgrade = res.headers.upgrade;
        if (upgrade === void 0 || upgrade.toLowerCase() !== "websocket") {
          abortHandshake(websocket, socket, "Invalid Upgrade header");
          return;
        }
        const digest = createHash2("sha1").update(key + GUID).digest("base64");
        if (res.headers["sec-websocket-accept"] !== digest) {
          abortHandshake(websocket, socket, "Invalid Sec-WebSocket-Accept header");
          return;
        }
        const serverProt = res.headers["sec-websocket-protocol"];
        let protError;
        if (serverProt !== void 0) {
          if (!protocolSet.size) {
            protError = "Server sent a subprotocol but none was requested";
          } else if (!protocolSet.has(serverProt)) {
            protError = "Server sent an invalid subprotocol";
          }
        } else if (protocolSet.size) {
          protError = "Server sent no subprotocol";
        }
        if (protError) {
          abortHandshake(websocket, socket, protError);
          return;
        }
        if (serverProt) websocket._protocol = serverProt;
        const secWebSocketExtensions = res.headers["sec-websocket-extensions"];
        if (secWebSocketExtensions !== void 0) {
          if (!perMessageDeflate) {
            const message = "Server sent a Sec-WebSocket-Extensions header but no extension was requested";
            abortHandshake(websocket, socket, message);
            return;
          }
          let extensions;
          try {
            extensions = parse(secWebSocketExtensions);
          } catch (err) {
            const message = "Invalid Sec-WebSocket-Extensions header";
            abortHandshake(websocket, socket, message);
            return;
          }
          const extensionNames = Object.keys(extensions);
          if (extensionNames.length !== 1 || extensionNames[0] !== PerMessageDeflate.extensionName) {
            const message = "Server indicated an extension that was not requested";
            abortHandshake(websocket, socket, message);
            return;
          }
          try {
            perMessageDeflate.accept(extensions[PerMessageDeflate.extensionName]);
          } catch (err) {
            const message = "Invalid Sec-WebSocket-Extensions header";
            abortHandshake(websocket, socket, message);
            return;
          }
          websocket._extensions[PerMessageDeflate.extensionName] = perMessageDeflate;
        }
        websocket.setSocket(socket, head, {
          allowSynchronousEvents: opts.allowSynchronousEvents,
          generateMask: opts.generateMask,
          maxPayload: opts.maxPayload,
          skipUTF8Validation: opts.skipUTF8Validation
        });
      });
      if (opts.finishRequest) {
        opts.finishRequest(req, websocket);
      } else {
        req.end();
      }
    }
    function emitErrorAndClose(websocket, err) {
      websocket._readyState = WebSocket2.CLOSING;
      websocket._errorEmitted = true;
      websocket.emit("error", err);
      websocket.emitClose();
    }
    function netConnect(options) {
      options.path = options.socketPath;
      return net.connect(options);
    }
    function tlsConnect(options) {
      options.path = void 0;
      if (!options.servername && options.servername !== "") {
        options.servername = net.isIP(options.host) ? "" : options.host;
      }
      return tls.connect(options);
    }
    function abortHandshake(websocket, stream, message) {
      websocket._readyState = WebSocket2.CLOSING;
      const err = new Error(message);
      Error.captureStackTrace(err, abortHandshake);
      if (stream.setHeader) {
        stream[kAborted] = true;
        stream.abort();
        if (stream.socket && !stream.socket.destroyed) {
          stream.socket.destroy();
        }
        process.nextTick(emitErrorAndClose, websocket, err);
      } else {
        stream.destroy(err);
        stream.once("error", websocket.emit.bind(websocket, "error"));
        stream.once("close", websocket.emitClose.bind(websocket));
      }
    }
    function sendAfterClose(websocket, data, cb) {
      if (data) {
        const length = isBlob(data) ? data.size : toBuffer(data).length;
        if (websocket._socket) websocket._sender._bufferedBytes += length;
        else websocket._bufferedAmount += length;
      }
      if (cb) {
        const err = new Error(
          `WebSocket is not open: readyState ${websocket.readyState} (${readyStates[websocket.readyState]})`
        );
        process.nextTick(cb, err);
      }
    }
    function receiverOnConclude(code, reason) {
      const websocket = this[kWebSocket];
      websocket._closeFrameReceived = true;
      websocket._closeMessage = reason;
      websocket._closeCode = code;
      if (websocket._socket[kWebSocket] === void 0) return;
      websocket._socket.removeListener("data", socketOnData);
      process.nextTick(resume, websocket._socket);
      if (code === 1005) websocket.close();
      else websocket.close(code, reason);
    }
    function receiverOnDrain() {
      const websocket = this[kWebSocket];
      if (!websocket.isPaused) websocket._socket.resume();
    }
    function receiverOnError(err) {
      const websocket = this[kWebSocket];
      if (websocket._socket[kWebSocket] !== void 0) {
        websocket._socket.removeListener("data", socketOnData);
        process.nextTick(resume, websocket._socket);
        websocket.close(err[kStatusCode]);
      }
      if (!websocket._errorEmitted) {
        websocket._errorEmitted = true;
        websocket.emit("error", err);
      }
    }
    function receiverOnFinish() {
      this[kWebSocket].emitClose();
    }
    function receiverOnMessage(data, isBinary) {
      this[kWebSocket].emit("message", data, isBinary);
    }
    function receiverOnPing(data) {
      const websocket = this[kWebSocket];
      if (websocket._autoPong) websocket.pong(data, !this._isServer, NOOP);
      websocket.emit("ping", data);
    }
    function receiverOnPong(data) {
      this[kWebSocket].emit("pong", data);
    }
    function resume(stream) {
      stream.resume();
    }
    function senderOnError(err) {
      const websocket = this[kWebSocket];
      if (websocket.readyState === WebSocket2.CLOSED) return;
      if (websocket.readyState === WebSocket2.OPEN) {
        websocket._readyState = WebSocket2.CLOSING;
        setCloseTimer(websocket);
      }
      this._socket.end();
      if (!websocket._errorEmitted) {
        websocket._errorEmitted = true;
        websocket.emit("error", err);
      }
    }
    function setCloseTimer(websocket) {
      websocket._closeTimer = setTimeout(
        websocket._socket.destroy.bind(websocket._socket),
        closeTimeout
      );
    }
    function socketOnClose() {
      const websocket = this[kWebSocket];
      this.removeListener("close", socketOnClose);
      this.removeListener("data", socketOnData);
      this.removeListener("end", socketOnEnd);
      websocket._readyState = WebSocket2.CLOSING;
      let chunk;
      if (!this._readableState.endEmitted && !websocket._closeFrameReceived && !websocket._receiver._writableState.errorEmitted && (chunk = websocket._socket.read()) !== null) {
        websocket._receiver.write(chunk);
      }
      websocket._receiver.end();
      this[kWebSocket] = void 0;
      clearTimeout(websocket._closeTimer);
      if (websocket._receiver._writableState.finished || websocket._receiver._writableState.errorEmitted) {
        websocket.emitClose();
      } else {
        websocket._receiver.on("error", receiverOnFinish);
        websocket._receiver.on("finish", receiverOnFinish);
      }
    }
    function socketOnData(chunk) {
      if (!this[kWebSocket]._receiver.write(chunk)) {
        this.pause();
      }
    }
    function socketOnEnd() {
      const websocket = this[kWebSocket];
      websocket._readyState = WebSocket2.CLOSING;
      websocket._receiver.end();
      this.end();
    }
    function socketOnError() {
      const websocket = this[kWebSocket];
      this.removeListener("error", socketOnError);
      this.on("error", NOOP);
      if (websocket) {
        websocket._readyState = WebSocket2.CLOSING;
        this.destroy();
      }
    }
  }
});

// ../node_modules/ws/lib/stream.js
var require_stream = __commonJS({
  "../node_modules/ws/lib/stream.js"(exports2, module2) {
    "use strict";
    var WebSocket2 = require_websocket();
    var { Duplex } = require("stream");
    function emitClose(stream) {
      stream.emit("close");
    }
    function duplexOnEnd() {
      if (!this.destroyed && this._writableState.finished) {
        this.destroy();
      }
    }
    function duplexOnError(err) {
      this.removeListener("error", duplexOnError);
      this.destroy();
      if (this.listenerCount("error") === 0) {
        this.emit("error", err);
      }
    }
    function createWebSocketStream2(ws, options) {
      let terminateOnDestroy = true;
      const duplex = new Duplex({
        ...options,
        autoDestroy: false,
        emitClose: false,
        objectMode: false,
        writableObjectMode: false
      });
      ws.on("message", function message(msg, isBinary) {
        const data = !isBinary && duplex._readableState.objectMode ? msg.toString() : msg;
        if (!duplex.push(data)) ws.pause();
      });
      ws.once("error", function error(err) {
        if (duplex.destroyed) return;
        terminateOnDestroy = false;
        duplex.destroy(err);
      });
      ws.once("close", function close() {
        if (duplex.destroyed) return;
        duplex.push(null);
      });
      duplex._destroy = function(err, callback) {
        if (ws.readyState === ws.CLOSED) {
          callback(err);
          process.nextTick(emitClose, duplex);
          return;
        }
        let called = false;
        ws.once("error", function error(err2) {
          called = true;
          callback(err2);
        });
        ws.once("close", function close() {
          if (!called) callback(err);
          process.nextTick(emitClose, duplex);
        });
        if (terminateOnDestroy) ws.terminate();
      };
      duplex._final = function(callback) {
        if (ws.readyState === ws.CONNECTING) {
          ws.once("open", function open() {
            duplex._final(callback);
          });
          return;
        }
        if (ws._socket === null) return;
        if (ws._socket._writableState.finished) {
          callback();
          if (duplex._readableState.endEmitted) duplex.destroy();
        } else {
          ws._socket.once("finish", function finish() {
            callback();
          });
          ws.close();
        }
      };
      duplex._read = function() {
        if (ws.isPaused) ws.resume();
      };
      duplex._write = function(chunk, encoding, callback) {
        if (ws.readyState === ws.CONNECTING) {
          ws.once("open", function open() {
            duplex._write(chunk, encoding, callback);
          });
          return;
        }
        ws.send(chunk, callback);
      };
      duplex.on("end", duplexOnEnd);
      duplex.on("error", duplexOnError);
      return duplex;
    }
    module2.exports = createWebSocketStream2;
  }
});

// ../node_modules/ws/lib/subprotocol.js
var require_subprotocol = __commonJS({
  "../node_modules/ws/lib/subprotocol.js"(exports2, module2) {
    "use strict";
    var { tokenChars } = require_validation();
    function parse(header) {
      const protocols = /* @__PURE__ */ new Set();
      let start = -1;
      let end = -1;
      let i = 0;
      for (i; i < header.length; i++) {
        const code = header.charCodeAt(i);
        if (end === -1 && tokenChars[code] === 1) {
          if (start === -1) start = i;
        } else if (i !== 0 && (code === 32 || code === 9)) {
          if (end === -1 && start !== -1) end = i;
        } else if (code === 44) {
          if (start === -1) {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
          if (end === -1) end = i;
          const protocol2 = header.slice(start, end);
          if (protocols.has(protocol2)) {
            throw new SyntaxError(`The "${protocol2}" subprotocol is duplicated`);
          }
          protocols.add(protocol2);
          start = end = -1;
        } else {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }
      }
      if (start === -1 || end !== -1) {
        throw new SyntaxError("Unexpected end of input");
      }
      const protocol = header.slice(start, i);
      if (protocols.has(protocol)) {
        throw new SyntaxError(`The "${protocol}" subprotocol is duplicated`);
      }
      protocols.add(protocol);
      return protocols;
    }
    module2.exports = { parse };
  }
});

// ../node_modules/ws/lib/websocket-server.js
var require_websocket_server = __commonJS({
  "../node_modules/ws/lib/websocket-server.js"(exports2, module2) {
    "use strict";
    var EventEmitter = require("events");
    var http = require("http");
    var { Duplex } = require("stream");
    var { createHash: createHash2 } = require("crypto");
    var extension = require_extension();
    var PerMessageDeflate = require_permessage_deflate();
    var subprotocol = require_subprotocol();
    var WebSocket2 = require_websocket();
    var { GUID, kWebSocket } = require_constants();
    var keyRegex = /^[+/0-9A-Za-z]{22}==$/;
    var RUNNING = 0;
    var CLOSING = 1;
    var CLOSED = 2;
    var WebSocketServer2 = class extends EventEmitter {
      /**
       * Create a `WebSocketServer` instance.
       *
       * @param {Object} options Configuration options
       * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
       *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
       *     multiple times in the same tick
       * @param {Boolean} [options.autoPong=true] Specifies whether or not to
       *     automatically send a pong in response to a ping
       * @param {Number} [options.backlog=511] The maximum length of the queue of
       *     pending connections
       * @param {Boolean} [options.clientTracking=true] Specifies whether or not to
       *     track clients
       * @param {Function} [options.handleProtocols] A hook to handle protocols
       * @param {String} [options.host] The hostname where to bind the server
       * @param {Number} [options.maxPayload=104857600] The maximum allowed message
       *     size
       * @param {Boolean} [options.noServer=false] Enable no server mode
       * @param {String} [options.path] Accept only connections matching this path
       * @param {(Boolean|Object)} [options.perMessageDeflate=false] Enable/disable
       *     permessage-deflate
       * @param {Number} [options.port] The port where to bind the server
       * @param {(http.Server|https.Server)} [options.server] A pre-created HTTP/S
       *     server to use
       * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
       *     not to skip UTF-8 validation for text and close messages
       * @param {Function} [options.verifyClient] A hook to reject connections
       * @param {Function} [options.WebSocket=WebSocket] Specifies the `WebSocket`
       *     class to use. It must be the `WebSocket` class or class that extends it
       * @param {Function} [callback] A listener for the `listening` event
       */
      constructor(options, callback) {
        super();
        options = {
          allowSynchronousEvents: true,
          autoPong: true,
          maxPayload: 100 * 1024 * 1024,
          skipUTF8Validation: false,
          perMessageDeflate: false,
          handleProtocols: null,
          clientTracking: true,
          verifyClient: null,
          noServer: false,
          backlog: null,
          // use default (511 as implemented in net.js)
          server: null,
          host: null,
          path: null,
          port: null,
          WebSocket: WebSocket2,
          ...options
        };
        if (options.port == null && !options.server && !options.noServer || options.port != null && (options.server || options.noServer) || options.server && options.noServer) {
          throw new TypeError(
            'One and only one of the "port", "server", or "noServer" options must be specified'
          );
        }
        if (options.port != null) {
          this._server = http.createServer((req, res) => {
            const body = http.STATUS_CODES[426];
            res.writeHead(426, {
              "Content-Length": body.length,
              "Content-Type": "text/plain"
            });
            res.end(body);
          });
          this._server.listen(
            options.port,
            options.host,
            options.backlog,
            callback
          );
        } else if (options.server) {
          this._server = options.server;
        }
        if (this._server) {
          const emitConnection = this.emit.bind(this, "connection");
          this._removeListeners = addListeners(this._server, {
            listening: this.emit.bind(this, "listening"),
            error: this.emit.bind(this, "error"),
            upgrade: (req, socket, head) => {
              this.handleUpgrade(req, socket, head, emitConnection);
            }
          });
        }
        if (options.perMessageDeflate === true) options.perMessageDeflate = {};
        if (options.clientTracking) {
          this.clients = /* @__PURE__ */ new Set();
          this._shouldEmitClose = false;
        }
        this.options = options;
        this._state = RUNNING;
      }
      /**
       * Returns the bound address, the address family name, and port of the server
       * as reported by the operating system if listening on an IP socket.
       * If the server is listening on a pipe or UNIX domain socket, the name is
       * returned as a string.
       *
       * @return {(Object|String|null)} The address of the server
       * @public
       */
      address() {
        if (this.options.noServer) {
          throw new Error('The server is operating in "noServer" mode');
        }
        if (!this._server) return null;
        return this._server.address();
      }
      /**
       * Stop the server from accepting new connections and emit the `'close'` event
       * when all existing connections are closed.
       *
       * @param {Function} [cb] A one-time listener for the `'close'` event
       * @public
       */
      close(cb) {
        if (this._state === CLOSED) {
          if (cb) {
            this.once("close", () => {
              cb(new Error("The server is not running"));
            });
          }
          process.nextTick(emitClose, this);
          return;
        }
        if (cb) this.once("close", cb);
        if (this._state === CLOSING) return;
        this._state = CLOSING;
        if (this.options.noServer || this.options.server) {
          if (this._server) {
            this._removeListeners();
            this._removeListeners = this._server = null;
          }
          if (this.clients) {
            if (!this.clients.size) {
              process.nextTick(emitClose, this);
            } else {
              this._shouldEmitClose = true;
            }
          } else {
            process.nextTick(emitClose, this);
          }
        } else {
          const server = this._server;
          this._removeListeners();
          this._removeListeners = this._server = null;
          server.close(() => {
            emitClose(this);
          });
        }
      }
      /**
       * See if a given request should be handled by this server instance.
       *
       * @param {http.IncomingMessage} req Request object to inspect
       * @return {Boolean} `true` if the request is valid, else `false`
       * @public
       */
      shouldHandle(req) {
        if (this.options.path) {
          const index = req.url.indexOf("?");
          const pathname = index !== -1 ? req.url.slice(0, index) : req.url;
          if (pathname !== this.options.path) return false;
        }
        return true;
      }
      /**
       * Handle a HTTP Upgrade request.
       *
       * @param {http.IncomingMessage} req The request object
       * @param {Duplex} socket The network socket between the server and client
       * @param {Buffer} head The first packet of the upgraded stream
       * @param {Function} cb Callback
       * @public
       */
      handleUpgrade(req, socket, head, cb) {
        socket.on("error", socketOnError);
        const key = req.headers["sec-websocket-key"];
        const upgrade = req.headers.upgrade;
        const version2 = +req.headers["sec-websocket-version"];
        if (req.method !== "GET") {
          const message = "Invalid HTTP method";
          abortHandshakeOrEmitwsClientError(this, req, socket, 405, message);
          return;
        }
        if (upgrade === void 0 || upgrade.toLowerCase() !== "websocket") {
          const message = "Invalid Upgrade header";
          abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
          return;
        }
        if (key === void 0 || !keyRegex.test(key)) {
          const message = "Missing or invalid Sec-WebSocket-Key header";
          abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
          return;
        }
        if (version2 !== 13 && version2 !== 8) {
          const message = "Missing or invalid Sec-WebSocket-Version header";
          abortHandshakeOrEmitwsClientError(this, req, socket, 400, message, {
            "Sec-WebSocket-Version": "13, 8"
          });
          return;
        }
        if (!this.shouldHandle(req)) {
          abortHandshake(socket, 400);
          return;
        }
        const secWebSocketProtocol = req.headers["sec-websocket-protocol"];
        let protocols = /* @__PURE__ */ new Set();
        if (secWebSocketProtocol !== void 0) {
          try {
            protocols = subprotocol.parse(secWebSocketProtocol);
          } catch (err) {
            const message = "Invalid Sec-WebSocket-Protocol header";
            abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
            return;
          }
        }
        const secWebSocketExtensions = req.headers["sec-websocket-extensions"];
        const extensions = {};
        if (this.options.perMessageDeflate && secWebSocketExtensions !== void 0) {
          const perMessageDeflate = new PerMessageDeflate(
            this.options.perMessageDeflate,
            true,
            this.options.maxPayload
          );
          try {
            const offers = extension.parse(secWebSocketExtensions);
            if (offers[PerMessageDeflate.extensionName]) {
              perMessageDeflate.accept(offers[PerMessageDeflate.extensionName]);
              extensions[PerMessageDeflate.extensionName] = perMessageDeflate;
            }
          } catch (err) {
            const message = "Invalid or unacceptable Sec-WebSocket-Extensions header";
            abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
            return;
          }
        }
        if (this.options.verifyClient) {
          const info = {
            origin: req.headers[`${version2 === 8 ? "sec-websocket-origin" : "origin"}`],
            secure: !!(req.socket.authorized || req.socket.encrypted),
            req
          };
          if (this.options.verifyClient.length === 2) {
            this.options.verifyClient(info, (verified, code, message, headers) => {
              if (!verified) {
                return abortHandshake(socket, code || 401, message, headers);
              }
              this.completeUpgrade(
                extensions,
                key,
                protocols,
                req,
                socket,
                head,
                cb
              );
            });
            return;
          }
          if (!this.options.verifyClient(info)) return abortHandshake(socket, 401);
        }
        this.completeUpgrade(extensions, key, protocols, req, socket, head, cb);
      }
      /**
       * Upgrade the connection to WebSocket.
       *
       * @param {Object} extensions The accepted extensions
       * @param {String} key The value of the `Sec-WebSocket-Key` header
       * @param {Set} protocols The subprotocols
       * @param {http.IncomingMessage} req The request object
       * @param {Duplex} socket The network socket between the server and client
       * @param {Buffer} head The first packet of the upgraded stream
       * @param {Function} cb Callback
       * @throws {Error} If called more than once with the same socket
       * @private
       */
      completeUpgrade(extensions, key, protocols, req, socket, head, cb) {
        if (!socket.readable || !socket.writable) return socket.destroy();
        if (socket[kWebSocket]) {
          throw new Error(
            "server.handleUpgrade() was called more than once with the same socket, possibly due to a misconfiguration"
          );
        }
        if (this._state > RUNNING) return abortHandshake(socket, 503);
        const digest = createHash2("sha1").update(key + GUID).digest("base64");
        const headers = [
          "HTTP/1.1 101 Switching Protocols",
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Accept: ${digest}`
        ];
        const ws = new this.options.WebSocket(null, void 0, this.options);
        if (protocols.size) {
          const protocol = this.options.handleProtocols ? this.options.handleProtocols(protocols, req) : protocols.values().next().value;
          if (protocol) {
            headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
            ws._protocol = protocol;
          }
        }
        if (extensions[PerMessageDeflate.extensionName]) {
          const params = extensions[PerMessageDeflate.extensionName].params;
          const value = extension.format({
            [PerMessageDeflate.extensionName]: [params]
          });
          headers.push(`Sec-WebSocket-Extensions: ${value}`);
          ws._extensions = extensions;
        }
        this.emit("headers", headers, req);
        socket.write(headers.concat("\r\n").join("\r\n"));
        socket.removeListener("error", socketOnError);
        ws.setSocket(socket, head, {
          allowSynchronousEvents: this.options.allowSynchronousEvents,
          maxPayload: this.options.maxPayload,
          skipUTF8Validation: this.options.skipUTF8Validation
        });
        if (this.clients) {
          this.clients.add(ws);
          ws.on("close", () => {
            this.clients.delete(ws);
            if (this._shouldEmitClose && !this.clients.size) {
              process.nextTick(emitClose, this);
            }
          });
        }
        cb(ws, req);
      }
    };
    module2.exports = WebSocketServer2;
    function addListeners(server, map) {
      for (const event of Object.keys(map)) server.on(event, map[event]);
      return function removeListeners() {
        for (const event of Object.keys(map)) {
          server.removeListener(event, map[event]);
        }
      };
    }
    function emitClose(server) {
      server._state = CLOSED;
      server.emit("close");
    }
    function socketOnError() {
      this.destroy();
    }
    function abortHandshake(socket, code, message, headers) {
      message = message || http.STATUS_CODES[code];
      headers = {
        Connection: "close",
        "Content-Type": "text/html",
        "Content-Length": Buffer.byteLength(message),
        ...headers
      };
      socket.once("finish", socket.destroy);
      socket.end(
        `HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r
` + Object.keys(headers).map((h) => `${h}: ${headers[h]}`).join("\r\n") + "\r\n\r\n" + message
      );
    }
    function abortHandshakeOrEmitwsClientError(server, req, socket, code, message, headers) {
      if (server.listenerCount("wsClientError")) {
        const err = new Error(message);
        Error.captureStackTrace(err, abortHandshakeOrEmitwsClientError);
        server.emit("wsClientError", err, socket, req);
      } else {
        abortHandshake(socket, code, message, headers);
      }
    }
  }
});

// src/cli.ts
var import_node_fs2 = require("fs");
var import_node_util = require("util");

// src/apps/config.ts
var import_node_fs = require("fs");

// ../config/pogo-websocket.schema.json
var pogo_websocket_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://pogo-websocket.dev/schema/v1/pogo-websocket.schema.json",
  title: "Pogo WebSocket shared schema",
  description: "The single source of every close code, error code, HTTP API status, default limit and protocol message shape. The TypeScript server, the Echo preset and the PHP package read this file; none restates its numbers. The plain tables (closeCodes, errorCodes, publishStatus, limits, events) are annotations beside the JSON Schema definitions in $defs.",
  protocol: {
    version: 7,
    minVersion: 5,
    userChannelPrefix: "#server-to-user-"
  },
  closeCodes: {
    APP_NOT_FOUND: {
      code: 4001,
      action: "refuse",
      message: "App key does not exist"
    },
    APP_DISABLED: {
      code: 4003,
      action: "refuse",
      message: "App is disabled"
    },
    APP_OVER_QUOTA: {
      code: 4004,
      action: "refuse",
      message: "App is over its connection quota"
    },
    PATH_NOT_FOUND: {
      code: 4005,
      action: "refuse",
      message: "Path not found; connect to /app/{key}"
    },
    INVALID_VERSION_FORMAT: {
      code: 4006,
      action: "refuse",
      message: "Invalid protocol version format"
    },
    UNSUPPORTED_PROTOCOL_VERSION: {
      code: 4007,
      action: "refuse",
      message: "Unsupported protocol version"
    },
    NO_PROTOCOL_VERSION: {
      code: 4008,
      action: "refuse",
      message: "No protocol version supplied"
    },
    UNAUTHORIZED: {
      code: 4009,
      action: "refuse",
      message: "Connection is unauthorized"
    },
    ORIGIN_NOT_ALLOWED: {
      code: 4010,
      action: "refuse",
      message: "Origin is not allowed for this app"
    },
    OVER_CAPACITY: {
      code: 4100,
      action: "backoff",
      message: "Over capacity; reconnect later"
    },
    SLOW_CONSUMER: {
      code: 4101,
      action: "backoff",
      message: "Outbound buffer full: the client reads too slowly"
    },
    RECONNECT: {
      code: 4200,
      action: "retry",
      message: "Server is restarting; reconnect"
    },
    PONG_NOT_RECEIVED: {
      code: 4201,
      action: "retry",
      message: "Pong reply not received"
    },
    INACTIVITY_TIMEOUT: {
      code: 4202,
      action: "retry",
      message: "Closed after inactivity: the client answered no pusher:ping"
    }
  },
  errorCodes: {
    BAD_MESSAGE: {
      code: 4300,
      message: "Malformed message"
    },
    CLIENT_EVENT_RATE_LIMIT: {
      code: 4301,
      message: "Client event rejected due to rate limit"
    },
    UNKNOWN_EVENT: {
      code: 4302,
      message: "Unknown event"
    },
    MESSAGE_TOO_LARGE: {
      code: 4303,
      message: "Message exceeds the size limit"
    },
    TOO_MANY_CHANNELS: {
      code: 4304,
      message: "Too many channels subscribed on this connection"
    },
    PRESENCE_FULL: {
      code: 4305,
      message: "Presence channel has reached its member limit"
    },
    INVALID_CHANNEL: {
      code: 4306,
      message: "Invalid channel name"
    },
    SUBSCRIPTION_UNAUTHORIZED: {
      code: 4307,
      message: "Invalid signature for channel subscription"
    },
    CLIENT_EVENT_REJECTED: {
      code: 4308,
      message: "Client event rejected"
    },
    SIGNIN_FAILED: {
      code: 4309,
      message: "Invalid user authentication"
    },
    INVALID_CHANNEL_DATA: {
      code: 4310,
      message: "Invalid presence channel_data"
    }
  },
  publishStatus: {
    OK: {
      status: 0,
      http: 200,
      message: "ok"
    },
    UNKNOWN_APP: {
      status: 1,
      http: 404,
      message: "Unknown app"
    },
    CHANNEL_NAME_TOO_LONG: {
      status: 2,
      http: 400,
      message: "Channel name too long"
    },
    EVENT_NAME_TOO_LONG: {
      status: 3,
      http: 400,
      message: "Event name too long"
    },
    PAYLOAD_TOO_LARGE: {
      status: 4,
      http: 413,
      message: "Payload too large"
    },
    INVALID_PAYLOAD: {
      status: 5,
      http: 400,
      message: "Invalid payload"
    },
    BROKER_FAILURE: {
      status: 6,
      http: 503,
      message: "Broker failure"
    },
    INVALID_CHANNEL_LIST: {
      status: 7,
      http: 400,
      message: "Invalid channel list"
    },
    BROKER_QUEUE_FULL: {
      status: 8,
      http: 503,
      message: "Broker queue full"
    },
    SHARD_QUEUE_FULL: {
      status: 9,
      http: 503,
      message: "Outbound queue full"
    },
    MISSING_AUTH: {
      status: 10,
      http: 401,
      message: "Missing authentication parameters"
    },
    INVALID_AUTH_KEY: {
      status: 11,
      http: 401,
      message: "Unknown auth_key for this app"
    },
    INVALID_SIGNATURE: {
      status: 12,
      http: 401,
      message: "Invalid signature"
    },
    EXPIRED_TIMESTAMP: {
      status: 13,
      http: 401,
      message: "auth_timestamp outside the allowed window"
    },
    BODY_MD5_MISMATCH: {
      status: 14,
      http: 401,
      message: "body_md5 does not match the body"
    },
    APP_DISABLED: {
      status: 15,
      http: 403,
      message: "App is disabled"
    },
    RATE_LIMITED: {
      status: 16,
      http: 429,
      message: "Too many requests"
    },
    NOT_FOUND: {
      status: 17,
      http: 404,
      message: "Not found"
    },
    METHOD_NOT_ALLOWED: {
      status: 18,
      http: 405,
      message: "Method not allowed"
    },
    INVALID_CHANNEL_NAME: {
      status: 19,
      http: 400,
      message: "Invalid channel name"
    },
    INVALID_EVENT_NAME: {
      status: 20,
      http: 400,
      message: "Invalid event name"
    },
    BATCH_TOO_LARGE: {
      status: 21,
      http: 400,
      message: "Too many events in one batch"
    },
    BODY_TOO_LARGE: {
      status: 22,
      http: 413,
      message: "Request body too large"
    },
    INVALID_QUERY: {
      status: 23,
      http: 400,
      message: "Invalid query"
    },
    UNSUPPORTED_AUTH_VERSION: {
      status: 24,
      http: 401,
      message: "Unsupported auth_version"
    }
  },
  limits: {
    maxChannelNameLength: 164,
    maxEventNameLength: 200,
    maxPayloadBytes: 10240,
    maxChannelsPerPublish: 100,
    maxBatchEvents: 10,
    maxHttpBodyBytes: 262144,
    maxPresenceMembers: 100,
    maxUserInfoBytes: 1024,
    maxUserIdLength: 128,
    maxClientEventsPerSecond: 10,
    maxChannelsPerConnection: 500,
    maxConnections: 0,
    maxFrameBytes: 65536,
    maxOutboundBufferBytes: 1048576,
    activityTimeoutSeconds: 120,
    pongTimeoutSeconds: 30,
    authTimestampWindowSeconds: 600,
    maxInactivitySeconds: 86400,
    cacheTtlSeconds: 1800,
    handshakesPerSecondPerIp: 0,
    handshakeBurstPerIp: 20,
    httpRequestsPerSecond: 0,
    httpRequestBurst: 100
  },
  events: {
    client: [
      "pusher:ping",
      "pusher:pong",
      "pusher:subscribe",
      "pusher:unsubscribe",
      "pusher:signin"
    ],
    server: [
      "pusher:connection_established",
      "pusher:error",
      "pusher:ping",
      "pusher:pong",
      "pusher:signin_success",
      "pusher:cache_miss",
      "pusher:subscription_error",
      "pusher_internal:subscription_succeeded",
      "pusher_internal:subscription_count",
      "pusher_internal:member_added",
      "pusher_internal:member_removed"
    ],
    clientEventPrefix: "client-"
  },
  $defs: {
    channelName: {
      type: "string",
      minLength: 1,
      pattern: "^[A-Za-z0-9_\\-=@,.;]+$"
    },
    userChannelName: {
      type: "string",
      pattern: "^#server-to-user-.+$"
    },
    socketId: {
      type: "string",
      pattern: "^\\d+\\.\\d+$"
    },
    signature: {
      type: "string",
      pattern: "^[^:]+:[0-9a-f]{64}$"
    },
    presenceMember: {
      type: "object",
      required: [
        "user_id"
      ],
      properties: {
        user_id: {
          type: [
            "string",
            "number"
          ]
        },
        user_info: {}
      }
    },
    user: {
      type: "object",
      required: [
        "id"
      ],
      properties: {
        id: {
          type: "string",
          minLength: 1
        },
        user_info: {},
        watchlist: {
          type: "array",
          items: {
            type: "string"
          }
        }
      }
    },
    clientMessage: {
      description: "Any frame a client sends",
      oneOf: [
        {
          $ref: "#/$defs/client.ping"
        },
        {
          $ref: "#/$defs/client.pong"
        },
        {
          $ref: "#/$defs/client.subscribe"
        },
        {
          $ref: "#/$defs/client.unsubscribe"
        },
        {
          $ref: "#/$defs/client.signin"
        },
        {
          $ref: "#/$defs/client.clientEvent"
        }
      ]
    },
    "client.ping": {
      type: "object",
      required: [
        "event"
      ],
      properties: {
        event: {
          const: "pusher:ping"
        },
        data: {}
      }
    },
    "client.pong": {
      type: "object",
      required: [
        "event"
      ],
      properties: {
        event: {
          const: "pusher:pong"
        },
        data: {}
      }
    },
    "client.subscribe": {
      type: "object",
      required: [
        "event",
        "data"
      ],
      properties: {
        event: {
          const: "pusher:subscribe"
        },
        data: {
          type: "object",
          required: [
            "channel"
          ],
          properties: {
            channel: {
              $ref: "#/$defs/channelName"
            },
            auth: {
              $ref: "#/$defs/signature"
            },
            channel_data: {
              type: "string",
              description: "JSON of a presenceMember, signed as sent"
            }
          }
        }
      }
    },
    "client.unsubscribe": {
      type: "object",
      required: [
        "event",
        "data"
      ],
      properties: {
        event: {
          const: "pusher:unsubscribe"
        },
        data: {
          type: "object",
          required: [
            "channel"
          ],
          properties: {
            channel: {
              $ref: "#/$defs/channelName"
            }
          }
        }
      }
    },
    "client.signin": {
      type: "object",
      required: [
        "event",
        "data"
      ],
      properties: {
        event: {
          const: "pusher:signin"
        },
        data: {
          type: "object",
          required: [
            "auth",
            "user_data"
          ],
          properties: {
            auth: {
              $ref: "#/$defs/signature"
            },
            user_data: {
              type: "string",
              description: "JSON of a user, signed as sent"
            }
          }
        }
      }
    },
    "client.clientEvent": {
      type: "object",
      required: [
        "event",
        "channel"
      ],
      properties: {
        event: {
          type: "string",
          pattern: "^client-"
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        data: {}
      }
    },
    serverMessage: {
      description: "Any frame the server sends",
      oneOf: [
        {
          $ref: "#/$defs/server.connectionEstablished"
        },
        {
          $ref: "#/$defs/server.error"
        },
        {
          $ref: "#/$defs/server.ping"
        },
        {
          $ref: "#/$defs/server.pong"
        },
        {
          $ref: "#/$defs/server.signinSuccess"
        },
        {
          $ref: "#/$defs/server.subscriptionSucceeded"
        },
        {
          $ref: "#/$defs/server.subscriptionError"
        },
        {
          $ref: "#/$defs/server.subscriptionCount"
        },
        {
          $ref: "#/$defs/server.memberAdded"
        },
        {
          $ref: "#/$defs/server.memberRemoved"
        },
        {
          $ref: "#/$defs/server.cacheMiss"
        },
        {
          $ref: "#/$defs/server.channelEvent"
        }
      ]
    },
    "server.connectionEstablished": {
      type: "object",
      required: [
        "event",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:connection_established"
        },
        data: {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: {
            type: "object",
            required: [
              "socket_id",
              "activity_timeout"
            ],
            additionalProperties: false,
            properties: {
              socket_id: {
                $ref: "#/$defs/socketId"
              },
              activity_timeout: {
                type: "integer",
                minimum: 1
              }
            }
          }
        }
      }
    },
    "server.error": {
      type: "object",
      required: [
        "event",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:error"
        },
        data: {
          type: "object",
          required: [
            "code",
            "message"
          ],
          additionalProperties: false,
          properties: {
            code: {
              type: "integer",
              description: "a code from closeCodes or errorCodes"
            },
            message: {
              type: "string",
              minLength: 1
            }
          }
        }
      }
    },
    "server.ping": {
      type: "object",
      required: [
        "event"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:ping"
        },
        data: {
          type: "object",
          maxProperties: 0
        }
      }
    },
    "server.pong": {
      type: "object",
      required: [
        "event"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:pong"
        },
        data: {
          type: "object",
          maxProperties: 0
        }
      }
    },
    "server.signinSuccess": {
      type: "object",
      required: [
        "event",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:signin_success"
        },
        data: {
          type: "object",
          required: [
            "user_data"
          ],
          additionalProperties: false,
          properties: {
            user_data: {
              type: "string"
            }
          }
        }
      }
    },
    "server.subscriptionSucceeded": {
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher_internal:subscription_succeeded"
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        data: {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: {
            type: "object",
            additionalProperties: false,
            properties: {
              presence: {
                type: "object",
                required: [
                  "ids",
                  "hash",
                  "count"
                ],
                additionalProperties: false,
                properties: {
                  ids: {
                    type: "array",
                    items: {
                      type: "string"
                    }
                  },
                  hash: {
                    type: "object",
                    additionalProperties: {}
                  },
                  count: {
                    type: "integer",
                    minimum: 0
                  }
                }
              }
            }
          }
        }
      }
    },
    "server.subscriptionError": {
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:subscription_error"
        },
        channel: {
          type: "string"
        },
        data: {
          type: "object",
          required: [
            "type",
            "error",
            "status"
          ],
          additionalProperties: false,
          properties: {
            type: {
              enum: [
                "AuthError",
                "LimitReached",
                "InvalidChannel"
              ]
            },
            error: {
              type: "string"
            },
            status: {
              type: "integer"
            },
            code: {
              type: "integer"
            }
          }
        }
      }
    },
    "server.subscriptionCount": {
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher_internal:subscription_count"
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        data: {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: {
            type: "object",
            required: [
              "subscription_count"
            ],
            additionalProperties: false,
            properties: {
              subscription_count: {
                type: "integer",
                minimum: 0
              }
            }
          }
        }
      }
    },
    "server.memberAdded": {
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher_internal:member_added"
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        data: {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: {
            type: "object",
            required: [
              "user_id"
            ],
            properties: {
              user_id: {
                type: "string"
              },
              user_info: {}
            }
          }
        }
      }
    },
    "server.memberRemoved": {
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher_internal:member_removed"
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        data: {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: {
            type: "object",
            required: [
              "user_id"
            ],
            additionalProperties: false,
            properties: {
              user_id: {
                type: "string"
              }
            }
          }
        }
      }
    },
    "server.cacheMiss": {
      type: "object",
      required: [
        "event",
        "channel"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher:cache_miss"
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        data: {
          type: "string"
        }
      }
    },
    "server.channelEvent": {
      description: "An event published through the HTTP API, a client event, or a server-to-user message. data is forwarded exactly as published.",
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      properties: {
        event: {
          type: "string",
          minLength: 1,
          not: {
            pattern: "^pusher(_internal)?:"
          }
        },
        channel: {
          anyOf: [
            {
              $ref: "#/$defs/channelName"
            },
            {
              $ref: "#/$defs/userChannelName"
            }
          ]
        },
        data: {},
        user_id: {
          type: "string"
        },
        serial: {
          type: "string"
        }
      }
    },
    "http.triggerEvent": {
      type: "object",
      required: [
        "name",
        "data"
      ],
      properties: {
        name: {
          type: "string",
          minLength: 1
        },
        data: {
          type: "string"
        },
        channels: {
          type: "array",
          minItems: 1,
          items: {
            $ref: "#/$defs/channelName"
          }
        },
        channel: {
          $ref: "#/$defs/channelName"
        },
        socket_id: {
          $ref: "#/$defs/socketId"
        },
        info: {
          type: "string"
        }
      }
    },
    "http.batchEvents": {
      type: "object",
      required: [
        "batch"
      ],
      properties: {
        batch: {
          type: "array",
          items: {
            type: "object",
            required: [
              "name",
              "channel",
              "data"
            ],
            properties: {
              name: {
                type: "string",
                minLength: 1
              },
              channel: {
                $ref: "#/$defs/channelName"
              },
              data: {
                type: "string"
              },
              socket_id: {
                $ref: "#/$defs/socketId"
              },
              info: {
                type: "string"
              }
            }
          }
        }
      }
    },
    "http.error": {
      type: "object",
      required: [
        "error",
        "status",
        "name"
      ],
      additionalProperties: false,
      properties: {
        error: {
          type: "string"
        },
        status: {
          type: "integer"
        },
        name: {
          type: "string"
        }
      }
    },
    "http.channels": {
      type: "object",
      required: [
        "channels"
      ],
      properties: {
        channels: {
          type: "object",
          additionalProperties: {
            type: "object",
            properties: {
              user_count: {
                type: "integer"
              },
              subscription_count: {
                type: "integer"
              }
            }
          }
        }
      }
    },
    "http.channel": {
      type: "object",
      required: [
        "occupied"
      ],
      properties: {
        occupied: {
          type: "boolean"
        },
        user_count: {
          type: "integer"
        },
        subscription_count: {
          type: "integer"
        }
      }
    },
    "http.users": {
      type: "object",
      required: [
        "users"
      ],
      properties: {
        users: {
          type: "array",
          items: {
            type: "object",
            required: [
              "id"
            ],
            properties: {
              id: {
                type: "string"
              }
            }
          }
        }
      }
    }
  }
};

// src/schema.ts
function closeCode(name) {
  return pogo_websocket_schema_default.closeCodes[name];
}
function errorCode(name) {
  return pogo_websocket_schema_default.errorCodes[name];
}
function publishStatus(name) {
  return { name, ...pogo_websocket_schema_default.publishStatus[name] };
}
var defaultLimits = pogo_websocket_schema_default.limits;
var protocolVersion = pogo_websocket_schema_default.protocol;
var userChannelPrefix = pogo_websocket_schema_default.protocol.userChannelPrefix;
var clientEventPrefix = pogo_websocket_schema_default.events.clientEventPrefix;
var channelNamePattern = new RegExp(pogo_websocket_schema_default.$defs.channelName.pattern);
var socketIdPattern = new RegExp(pogo_websocket_schema_default.$defs.socketId.pattern);

// src/apps/config.ts
var webhookEventNames = [
  "channel_occupied",
  "channel_vacated",
  "member_added",
  "member_removed",
  "client_event",
  "cache_miss",
  "subscription_count"
];
var ConfigError = class extends Error {
  constructor(key, problem) {
    super(`Invalid configuration: ${key} ${problem}`);
    this.name = "ConfigError";
  }
};
var developmentApp = { id: "app-id", key: "app-key", secret: "app-secret" };
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function str(value, key, fallback) {
  if (value === void 0 && fallback !== void 0) return fallback;
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value.length === 0) throw new ConfigError(key, "must be a non-empty string");
  return value;
}
function bool(value, key, fallback) {
  if (value === void 0) return fallback;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new ConfigError(key, "must be true or false");
}
function int(value, key, fallback, min = 0) {
  if (value === void 0 || value === "") return fallback;
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) {
    throw new ConfigError(key, `must be an integer \u2265 ${min}`);
  }
  return n;
}
function stringList(value, key) {
  if (value === void 0) return [];
  if (typeof value === "string") return value.split(",").map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new ConfigError(key, "must be a list of strings");
  }
  return value;
}
function limits(value, key) {
  if (value === void 0) return { ...defaultLimits };
  if (!isObject(value)) throw new ConfigError(key, "must be an object");
  const result = { ...defaultLimits };
  for (const [name, given] of Object.entries(value)) {
    if (!(name in defaultLimits)) {
      throw new ConfigError(`${key}.${name}`, `is not a known limit (known: ${Object.keys(defaultLimits).join(", ")})`);
    }
    result[name] = int(given, `${key}.${name}`, 0);
  }
  return result;
}
function webhooks(value, key) {
  if (value === void 0) return [];
  if (!Array.isArray(value)) throw new ConfigError(key, "must be a list");
  return value.map((hook, i) => {
    if (!isObject(hook)) throw new ConfigError(`${key}[${i}]`, "must be an object");
    const url = str(hook.url, `${key}[${i}].url`);
    if (!/^https?:\/\//.test(url)) throw new ConfigError(`${key}[${i}].url`, "must be an http(s) URL");
    const events2 = stringList(hook.events, `${key}[${i}].events`);
    const unknown = events2.find((name) => !webhookEventNames.includes(name));
    if (unknown !== void 0) {
      throw new ConfigError(`${key}[${i}].events`, `has an unknown event ${JSON.stringify(unknown)} (known: ${webhookEventNames.join(", ")})`);
    }
    return { url, events: events2 };
  });
}
function parseApp(raw, key) {
  if (!isObject(raw)) throw new ConfigError(key, "must be an object");
  const id = str(raw.id, `${key}.id`);
  return {
    id,
    key: str(raw.key, `${key}.key`, id),
    secret: str(raw.secret, `${key}.secret`),
    enabled: bool(raw.enabled, `${key}.enabled`, true),
    clientEvents: bool(raw.clientEvents, `${key}.clientEvents`, true),
    subscriptionCount: bool(raw.subscriptionCount, `${key}.subscriptionCount`, false),
    allowedOrigins: stringList(raw.allowedOrigins, `${key}.allowedOrigins`),
    webhooks: webhooks(raw.webhooks, `${key}.webhooks`),
    limits: limits(raw.limits, `${key}.limits`)
  };
}
function appFromEnv(env) {
  const pick = (name) => env[`WS_APP_${name}`] ?? env[`REVERB_APP_${name}`];
  const id = pick("ID");
  if (!id) return void 0;
  const suffix = id.replace(/[^A-Za-z0-9]/g, "_");
  const secret = env[`WS_APP_SECRET_${suffix}`] ?? env[`WS_APP_SECRET_${suffix.toUpperCase()}`] ?? pick("SECRET");
  const source = env.WS_APP_ID ? "WS_APP" : "REVERB_APP";
  if (!secret) throw new ConfigError(`${source}_SECRET`, `must be set for app ${JSON.stringify(id)}`);
  return parseApp(
    {
      id,
      key: pick("KEY") || id,
      secret,
      allowedOrigins: env.WS_ALLOWED_ORIGINS,
      clientEvents: env.WS_CLIENT_EVENTS,
      webhooks: env.WS_WEBHOOK_URL ? [{ url: env.WS_WEBHOOK_URL, events: env.WS_WEBHOOK_EVENTS }] : void 0
    },
    `${source}_ID`
  );
}
function metricsConfig(raw, env) {
  const port = raw.port ?? env.WS_METRICS_PORT;
  return {
    enabled: bool(raw.enabled ?? env.WS_METRICS_ENABLED, "metrics.enabled", true),
    detailed: bool(raw.detailed ?? env.WS_METRICS_DETAILED, "metrics.detailed", false),
    ...port !== void 0 && port !== "" ? { port: int(port, "metrics.port", 0) } : {},
    ...raw.host !== void 0 || env.WS_METRICS_HOST ? { host: str(raw.host ?? env.WS_METRICS_HOST, "metrics.host") } : {}
  };
}
function webhookDelivery(raw) {
  if (raw !== void 0 && !isObject(raw)) throw new ConfigError("webhooks", "must be an object");
  const o = raw ?? {};
  const known = ["batchSize", "batchIntervalMs", "timeoutMs", "retries", "retryBackoffMs", "maxQueuedEvents", "concurrency", "vacatedDelayMs"];
  const stray = Object.keys(o).find((k) => !known.includes(k));
  if (stray !== void 0) throw new ConfigError(`webhooks.${stray}`, `is not a known option (known: ${known.join(", ")})`);
  return {
    batchSize: int(o.batchSize, "webhooks.batchSize", 50, 1),
    batchIntervalMs: int(o.batchIntervalMs, "webhooks.batchIntervalMs", 50),
    timeoutMs: int(o.timeoutMs, "webhooks.timeoutMs", 5e3, 1),
    retries: int(o.retries, "webhooks.retries", 3),
    retryBackoffMs: int(o.retryBackoffMs, "webhooks.retryBackoffMs", 500),
    maxQueuedEvents: int(o.maxQueuedEvents, "webhooks.maxQueuedEvents", 1e4, 1),
    concurrency: int(o.concurrency, "webhooks.concurrency", 4, 1),
    vacatedDelayMs: int(o.vacatedDelayMs, "webhooks.vacatedDelayMs", 3e3)
  };
}
function loadConfig(options) {
  const { env } = options;
  let file = {};
  if (options.file) {
    let text;
    try {
      text = (0, import_node_fs.readFileSync)(options.file, "utf8");
    } catch (error) {
      throw new ConfigError("--config", `cannot be read: ${error.message}`);
    }
    try {
      const parsed = JSON.parse(text);
      if (!isObject(parsed)) throw new Error("the top level must be an object");
      file = parsed;
    } catch (error) {
      throw new ConfigError(options.file, `is not valid JSON: ${error.message}`);
    }
  }
  let apps;
  if (file.apps !== void 0) {
    if (!Array.isArray(file.apps) || file.apps.length === 0) throw new ConfigError("apps", "must be a non-empty list");
    apps = file.apps.map((raw, i) => parseApp(raw, `apps[${i}]`));
  } else {
    const fromEnv = appFromEnv(env);
    if (fromEnv) {
      apps = [fromEnv];
    } else {
      options.warn?.(
        `No app configured (WS_APP_ID or --config): using the development app id=${developmentApp.id} key=${developmentApp.key}. Never use it in production.`
      );
      apps = [parseApp({ ...developmentApp }, "development app")];
    }
  }
  for (const [field, label] of [["id", "id"], ["key", "key"]]) {
    const seen = /* @__PURE__ */ new Set();
    for (const app of apps) {
      if (seen.has(app[field])) throw new ConfigError(`apps`, `has two apps with the ${label} ${JSON.stringify(app[field])}`);
      seen.add(app[field]);
    }
  }
  let redis;
  const redisRaw = file.redis ?? (env.WS_REDIS_URL ? { url: env.WS_REDIS_URL } : void 0);
  if (redisRaw !== void 0) {
    if (!isObject(redisRaw)) throw new ConfigError("redis", "must be an object");
    redis = { url: str(redisRaw.url, "redis.url"), prefix: str(redisRaw.prefix, "redis.prefix", "pogo:") };
  }
  const metricsRaw = isObject(file.metrics) ? file.metrics : {};
  return {
    host: str(options.host ?? file.host ?? env.WS_SERVER_HOST, "host", "0.0.0.0"),
    port: int(options.port ?? file.port ?? env.WS_SERVER_PORT ?? env.WS_PORT, "port", 6001),
    apps,
    redis,
    metrics: metricsConfig(metricsRaw, env),
    webhooks: webhookDelivery(file.webhooks),
    shutdownTimeoutSeconds: int(file.shutdownTimeoutSeconds, "shutdownTimeoutSeconds", 10),
    trustedProxies: stringList(file.trustedProxies ?? env.WS_TRUSTED_PROXIES, "trustedProxies")
  };
}

// src/server.ts
var import_node_http = require("http");

// src/adapter/local.ts
var LocalAdapter = class {
  constructor(hub) {
    this.hub = hub;
  }
  publish(appId, channel2, message, exceptSocketId) {
    this.hub.deliver(appId, channel2, message, exceptSocketId);
  }
  async channels(appId, prefix) {
    return this.hub.localChannels(appId, prefix);
  }
  async channel(appId, name) {
    return this.hub.localChannel(appId, name);
  }
  async presenceUsers(appId, name) {
    return this.hub.localPresenceUsers(appId, name);
  }
  async terminateUser(appId, userId) {
    this.hub.terminateLocalUser(appId, userId);
  }
  async close() {
  }
};

// src/protocol/channel-name.ts
function channelType(name) {
  if (name.startsWith("private-encrypted-")) {
    return { kind: "encrypted", cache: name.startsWith("private-encrypted-cache-") };
  }
  if (name.startsWith("private-")) return { kind: "private", cache: name.startsWith("private-cache-") };
  if (name.startsWith("presence-")) return { kind: "presence", cache: name.startsWith("presence-cache-") };
  return { kind: "public", cache: name.startsWith("cache-") };
}
function requiresAuth(kind) {
  return kind !== "public";
}
function channelNameProblem(name, maxLength) {
  if (typeof name !== "string" || name.length === 0) return "channel name must be a non-empty string";
  if (name.length > maxLength) return `channel name is longer than ${maxLength} characters`;
  if (!channelNamePattern.test(name)) return "channel name may only contain A-Z a-z 0-9 _ - = @ , . ;";
  return void 0;
}
function isUserChannel(name) {
  return name.startsWith(userChannelPrefix);
}
function userChannel(userId) {
  return userChannelPrefix + userId;
}

// src/channels/channel.ts
var Channel = class {
  constructor(name) {
    this.name = name;
    this.type = channelType(name);
    this.members = this.type.kind === "presence" ? /* @__PURE__ */ new Map() : void 0;
  }
  type;
  subscribers = /* @__PURE__ */ new Set();
  /** Presence channels only: user id → member. */
  members;
  /** Cache channels only: the frame of the last event, replayed to new subscribers. */
  lastEvent;
  lastEventAt = 0;
  get occupied() {
    return this.subscribers.size > 0;
  }
  /**
   * Writes one frame to every subscriber but the excluded one. The frame is shared:
   * nothing here is done per recipient except queueing a reference.
   */
  broadcast(frame, exceptSocketId) {
    let delivered = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber.socketId === exceptSocketId) continue;
      subscriber.send(frame);
      delivered++;
    }
    return delivered;
  }
};

// src/channels/app-channels.ts
var AppChannels = class {
  channels = /* @__PURE__ */ new Map();
  get(name) {
    return this.channels.get(name);
  }
  join(subscriber, name, member) {
    let channel2 = this.channels.get(name);
    if (!channel2) {
      channel2 = new Channel(name);
      this.channels.set(name, channel2);
    }
    const occupied = channel2.subscribers.size === 0;
    channel2.subscribers.add(subscriber);
    let firstConnectionOfUser = false;
    if (member && channel2.members) {
      const existing = channel2.members.get(member.userId);
      if (existing) {
        existing.connections++;
        existing.info = member.info;
      } else {
        channel2.members.set(member.userId, { info: member.info, connections: 1 });
        firstConnectionOfUser = true;
      }
    }
    return { channel: channel2, firstConnectionOfUser, occupied };
  }
  leave(subscriber, name, userId) {
    const channel2 = this.channels.get(name);
    if (!channel2 || !channel2.subscribers.delete(subscriber)) return void 0;
    let lastConnectionOfUser = false;
    if (userId !== void 0 && channel2.members) {
      const member = channel2.members.get(userId);
      if (member && --member.connections <= 0) {
        channel2.members.delete(userId);
        lastConnectionOfUser = true;
      }
    }
    const vacated = channel2.subscribers.size === 0;
    if (vacated && !channel2.lastEvent) this.channels.delete(name);
    return { channel: channel2, lastConnectionOfUser, vacated };
  }
  counts(channel2) {
    return channel2.members ? { subscriptionCount: channel2.subscribers.size, userCount: channel2.members.size } : { subscriptionCount: channel2.subscribers.size };
  }
  /** Occupied channels, optionally by prefix. */
  *occupied(prefix = "") {
    for (const channel2 of this.channels.values()) {
      if (channel2.occupied && channel2.name.startsWith(prefix)) yield channel2;
    }
  }
  members(name) {
    return this.channels.get(name)?.members;
  }
  /** Keep a cache channel's last event even while nobody listens. */
  remember(name, frame) {
    let channel2 = this.channels.get(name);
    if (!channel2) {
      channel2 = new Channel(name);
      this.channels.set(name, channel2);
    }
    channel2.lastEvent = frame;
    channel2.lastEventAt = Date.now();
  }
  /** Drops cached events older than `ttlMs` from channels nobody listens to. */
  expireCache(ttlMs, now = Date.now()) {
    for (const [name, channel2] of this.channels) {
      if (channel2.lastEvent && now - channel2.lastEventAt >= ttlMs) {
        channel2.lastEvent = void 0;
        if (!channel2.occupied) this.channels.delete(name);
      }
    }
  }
};

// src/protocol/frame.ts
function textFrame(payload) {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  const length = body.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 129;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  body.copy(frame, headerLength);
  return frame;
}

// src/protocol/messages.ts
function connectionEstablished(socketId, activityTimeout) {
  return JSON.stringify({
    event: "pusher:connection_established",
    data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeout })
  });
}
function errorMessage(code, message) {
  return JSON.stringify({ event: "pusher:error", data: { code, message } });
}
function codedError(entry, detail) {
  return errorMessage(entry.code, detail ? `${entry.message}: ${detail}` : entry.message);
}
var pong = JSON.stringify({ event: "pusher:pong", data: {} });
var ping = JSON.stringify({ event: "pusher:ping", data: {} });
function subscriptionSucceeded(channel2, presence) {
  return JSON.stringify({
    event: "pusher_internal:subscription_succeeded",
    channel: channel2,
    data: JSON.stringify(presence ? { presence } : {})
  });
}
function subscriptionError(channel2, type, error, status, code) {
  return JSON.stringify({ event: "pusher:subscription_error", channel: channel2, data: { type, error, status, code } });
}
function memberAdded(channel2, userId, userInfo) {
  return JSON.stringify({
    event: "pusher_internal:member_added",
    channel: channel2,
    data: JSON.stringify(userInfo === void 0 ? { user_id: userId } : { user_id: userId, user_info: userInfo })
  });
}
function memberRemoved(channel2, userId) {
  return JSON.stringify({ event: "pusher_internal:member_removed", channel: channel2, data: JSON.stringify({ user_id: userId }) });
}
function subscriptionCount(channel2, count) {
  return JSON.stringify({
    event: "pusher_internal:subscription_count",
    channel: channel2,
    data: JSON.stringify({ subscription_count: count })
  });
}
function cacheMiss(channel2) {
  return JSON.stringify({ event: "pusher:cache_miss", channel: channel2 });
}
function signinSuccess(userData) {
  return JSON.stringify({ event: "pusher:signin_success", data: { user_data: userData } });
}
function channelEvent(event, channel2, data, userId) {
  return JSON.stringify(userId === void 0 ? { event, channel: channel2, data } : { event, channel: channel2, data, user_id: userId });
}

// src/hub.ts
var Hub = class {
  byKey = /* @__PURE__ */ new Map();
  byId = /* @__PURE__ */ new Map();
  observers = [];
  adapter;
  constructor(apps) {
    for (const app of apps) {
      const state = { app, channels: new AppChannels(), connections: /* @__PURE__ */ new Map(), users: /* @__PURE__ */ new Map(), countsDue: /* @__PURE__ */ new Set() };
      this.byKey.set(app.key, state);
      this.byId.set(app.id, state);
    }
  }
  observe(observer) {
    this.observers.push(observer);
  }
  emit(name, ...args) {
    for (const observer of this.observers) {
      const callback = observer[name];
      callback?.apply(observer, args);
    }
  }
  appByKey(key) {
    return this.byKey.get(key)?.app;
  }
  appById(id) {
    return this.byId.get(id)?.app;
  }
  get apps() {
    return [...this.byId.values()].map((s) => s.app);
  }
  state(app) {
    return this.byId.get(app.id);
  }
  socketIdInUse = (socketId) => {
    for (const state of this.byId.values()) if (state.connections.has(socketId)) return true;
    return false;
  };
  connectionCount(app) {
    if (app) return this.state(app).connections.size;
    let total = 0;
    for (const state of this.byId.values()) total += state.connections.size;
    return total;
  }
  *connections() {
    for (const state of this.byId.values()) yield* state.connections.values();
  }
  connect(connection) {
    this.state(connection.app).connections.set(connection.socketId, connection);
    this.emit("connected", connection.app, connection);
  }
  disconnect(connection) {
    const state = this.state(connection.app);
    if (!state.connections.delete(connection.socketId)) return;
    for (const channel2 of [...connection.channels.keys()]) this.unsubscribe(connection, channel2);
    if (connection.user) this.forgetUser(state, connection);
    this.emit("disconnected", connection.app, connection);
  }
  channel(app, name) {
    return this.state(app).channels.get(name);
  }
  /** Subscribes and answers the client: success, presence snapshot, cache replay, member_added. */
  subscribe(connection, name, member) {
    const { app } = connection;
    const state = this.state(app);
    const result = state.channels.join(connection, name, member);
    const { channel: channel2 } = result;
    connection.channels.set(name, member?.userId);
    let presence;
    if (channel2.members) {
      const hash = {};
      for (const [id, m] of channel2.members) hash[id] = m.info ?? null;
      presence = { ids: Object.keys(hash), hash, count: channel2.members.size };
    }
    connection.sendText(subscriptionSucceeded(name, presence));
    if (result.occupied) this.emit("channelOccupied", app, name);
    if (member && result.firstConnectionOfUser) {
      this.adapter.publish(app.id, name, memberAdded(name, member.userId, member.info), connection.socketId);
      this.emit("memberAdded", app, name, member.userId);
    }
    if (channel2.type.cache) {
      if (channel2.lastEvent && Date.now() - channel2.lastEventAt < app.limits.cacheTtlSeconds * 1e3) {
        connection.send(channel2.lastEvent);
      } else {
        connection.sendText(cacheMiss(name));
        this.emit("cacheMiss", app, name);
      }
    }
    this.countChanged(state, channel2);
  }
  unsubscribe(connection, name) {
    if (!connection.channels.has(name)) return;
    const userId = connection.channels.get(name);
    connection.channels.delete(name);
    const { app } = connection;
    const state = this.state(app);
    const result = state.channels.leave(connection, name, userId);
    if (!result) return;
    if (userId !== void 0 && result.lastConnectionOfUser) {
      this.adapter.publish(app.id, name, memberRemoved(name, userId));
      this.emit("memberRemoved", app, name, userId);
    }
    if (result.vacated) this.emit("channelVacated", app, name);
    this.countChanged(state, result.channel);
  }
  /** `pusher:signin` succeeded: the connection now receives `#server-to-user-{id}`. */
  signIn(connection, userId, userData) {
    const state = this.state(connection.app);
    if (connection.user) this.forgetUser(state, connection);
    connection.user = { id: userId, userData };
    let set = state.users.get(userId);
    if (!set) state.users.set(userId, set = /* @__PURE__ */ new Set());
    set.add(connection);
    state.channels.join(connection, userChannel(userId));
  }
  forgetUser(state, connection) {
    const user = connection.user;
    const set = state.users.get(user.id);
    set?.delete(connection);
    if (set?.size === 0) state.users.delete(user.id);
    state.channels.leave(connection, userChannel(user.id));
    connection.user = void 0;
  }
  /** Local delivery of a published message: serialised by the caller, framed once here. */
  deliver(appId, name, message, exceptSocketId) {
    const state = this.byId.get(appId);
    if (!state) return 0;
    const channel2 = state.channels.get(name);
    const frame = textFrame(message);
    if (channel2 ? channel2.type.cache : channelType(name).cache) state.channels.remember(name, frame);
    return channel2 ? channel2.broadcast(frame, exceptSocketId) : 0;
  }
  clientEvent(connection, channel2, event, data) {
    const userId = connection.channels.get(channel2);
    this.adapter.publish(connection.app.id, channel2, channelEvent(event, channel2, data, userId), connection.socketId);
    this.emit("clientEvent", connection.app, channel2, event, data, connection.socketId, userId);
  }
  published(app, channel2, event, recipients) {
    this.emit("published", app, channel2, event, recipients);
  }
  countChanged(state, channel2) {
    if (!state.app.subscriptionCount || channel2.members) return;
    if (state.countsDue.size === 0) setImmediate(() => this.sendCounts(state));
    state.countsDue.add(channel2.name);
  }
  /** Subscription counts go out at most once per channel per turn, however many joined. */
  sendCounts(state) {
    for (const name of state.countsDue) {
      const channel2 = state.channels.get(name);
      const count = channel2?.subscribers.size ?? 0;
      if (channel2 && count > 0) channel2.broadcast(textFrame(subscriptionCount(name, count)));
      this.emit("subscriptionCount", state.app, name, count);
    }
    state.countsDue.clear();
  }
  expireCaches(now) {
    for (const state of this.byId.values()) state.channels.expireCache(state.app.limits.cacheTtlSeconds * 1e3, now);
  }
  localChannels(appId, prefix) {
    const state = this.byId.get(appId);
    if (!state) return [];
    return [...state.channels.occupied(prefix)].map((channel2) => ({ name: channel2.name, ...state.channels.counts(channel2) }));
  }
  localChannel(appId, name) {
    const state = this.byId.get(appId);
    const channel2 = state?.channels.get(name);
    if (!state || !channel2) return { subscriptionCount: 0, ...name.startsWith("presence-") ? { userCount: 0 } : {} };
    return state.channels.counts(channel2);
  }
  localPresenceUsers(appId, name) {
    const members = this.byId.get(appId)?.channels.members(name);
    return members ? [...members.keys()] : [];
  }
  terminateLocalUser(appId, userId) {
    const set = this.byId.get(appId)?.users.get(userId);
    if (!set) return;
    for (const connection of [...set]) connection.closeWith(closeCode("UNAUTHORIZED"), "terminated by the server");
  }
};

// src/limits/token-bucket.ts
var TokenBucket = class {
  constructor(rate, burst, now = Date.now()) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.updatedAt = now;
  }
  tokens;
  updatedAt;
  take(now = Date.now()) {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) / 1e3 * this.rate);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Seconds until the next token. */
  retryAfter() {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
  }
  /** Full again: the bucket can be forgotten. */
  idle(now = Date.now()) {
    return this.tokens + (now - this.updatedAt) / 1e3 * this.rate >= this.burst;
  }
};
var BucketMap = class {
  constructor(rate, burst) {
    this.rate = rate;
    this.burst = burst;
  }
  buckets = /* @__PURE__ */ new Map();
  /** True when `key` may go ahead; a rate of 0 means unlimited. */
  take(key, now = Date.now()) {
    if (this.rate <= 0) return true;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, bucket = new TokenBucket(this.rate, this.burst, now));
    return bucket.take(now);
  }
  retryAfter(key) {
    return this.buckets.get(key)?.retryAfter() ?? 1;
  }
  prune(now = Date.now()) {
    for (const [key, bucket] of this.buckets) if (bucket.idle(now)) this.buckets.delete(key);
  }
  get size() {
    return this.buckets.size;
  }
};

// src/http/respond.ts
function sendJson(res, httpStatus, body) {
  const text = JSON.stringify(body);
  res.writeHead(httpStatus, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
var ApiError = class extends Error {
  constructor(statusName, detail) {
    super(detail ? `${publishStatus(statusName).message}: ${detail}` : publishStatus(statusName).message);
    this.statusName = statusName;
  }
};
function sendError(res, error) {
  const status = publishStatus(error.statusName);
  sendJson(res, status.http, { error: error.message, status: status.status, name: status.name });
}

// src/http/endpoints/channels.ts
function infoList(query) {
  return (query.get("info") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}
var channels = async ({ adapter }, { app, query }) => {
  const prefix = query.get("filter_by_prefix") ?? "";
  const info = infoList(query);
  if (info.includes("user_count") && !prefix.startsWith("presence-")) {
    throw new ApiError("INVALID_QUERY", "info=user_count needs filter_by_prefix=presence-");
  }
  const result = {};
  for (const channel2 of await adapter.channels(app.id, prefix)) {
    result[channel2.name] = info.includes("user_count") && channel2.userCount !== void 0 ? { user_count: channel2.userCount } : {};
  }
  return { channels: result };
};
var channel = async ({ adapter }, { app, params, query }) => {
  const name = params[0];
  const info = infoList(query);
  const presence = channelType(name).kind === "presence";
  if (info.includes("user_count") && !presence) throw new ApiError("INVALID_QUERY", "user_count is only for presence channels");
  const counts = await adapter.channel(app.id, name);
  const body = { occupied: counts.subscriptionCount > 0 };
  if (info.includes("user_count")) body.user_count = counts.userCount ?? 0;
  if (info.includes("subscription_count")) body.subscription_count = counts.subscriptionCount;
  return body;
};
var users = async ({ adapter }, { app, params }) => {
  const name = params[0];
  if (channelType(name).kind !== "presence") throw new ApiError("INVALID_QUERY", "users are listed for presence channels only");
  return { users: (await adapter.presenceUsers(app.id, name)).map((id) => ({ id })) };
};

// src/http/publish-validation.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function parseJsonBody(body) {
  let value;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError("INVALID_PAYLOAD", "body is not valid JSON");
  }
  if (!isRecord(value)) throw new ApiError("INVALID_PAYLOAD", "body must be a JSON object");
  return value;
}
function validatePublish(app, raw, channelsField) {
  const { limits: limits2 } = app;
  if (!isRecord(raw)) throw new ApiError("INVALID_PAYLOAD", "each event must be an object");
  const { name, data } = raw;
  if (typeof name !== "string" || name.length === 0) throw new ApiError("INVALID_EVENT_NAME", '"name" must be a non-empty string');
  if (name.length > limits2.maxEventNameLength) throw new ApiError("EVENT_NAME_TOO_LONG", `at most ${limits2.maxEventNameLength} characters`);
  if (name.startsWith("pusher:") || name.startsWith("pusher_internal:")) {
    throw new ApiError("INVALID_EVENT_NAME", "names starting with pusher: are reserved");
  }
  if (typeof data !== "string") throw new ApiError("INVALID_PAYLOAD", '"data" must be a string');
  if (Buffer.byteLength(data) > limits2.maxPayloadBytes) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `"data" is limited to ${limits2.maxPayloadBytes} bytes`);
  }
  let channels2;
  if (channelsField === "channels" && raw.channels === void 0 && typeof raw.channel === "string") channels2 = [raw.channel];
  else channels2 = channelsField === "channel" ? [raw.channel] : raw.channels;
  if (!Array.isArray(channels2) || channels2.length === 0) {
    throw new ApiError("INVALID_CHANNEL_LIST", `"${channelsField}" is required`);
  }
  if (channels2.length > limits2.maxChannelsPerPublish) {
    throw new ApiError("INVALID_CHANNEL_LIST", `at most ${limits2.maxChannelsPerPublish} channels per event`);
  }
  for (const channel2 of channels2) {
    if (typeof channel2 === "string" && channel2.length > limits2.maxChannelNameLength) {
      throw new ApiError("CHANNEL_NAME_TOO_LONG", `at most ${limits2.maxChannelNameLength} characters`);
    }
    if (typeof channel2 === "string" && isUserChannel(channel2)) continue;
    const problem = channelNameProblem(channel2, limits2.maxChannelNameLength);
    if (problem) throw new ApiError("INVALID_CHANNEL_NAME", problem);
  }
  const socketId = raw.socket_id;
  if (socketId !== void 0 && (typeof socketId !== "string" || !socketIdPattern.test(socketId))) {
    throw new ApiError("INVALID_PAYLOAD", '"socket_id" must look like 123.456');
  }
  const info = typeof raw.info === "string" ? raw.info.split(",").map((s) => s.trim()).filter(Boolean) : [];
  return { name, data, channels: channels2, socketId, info };
}

// src/http/endpoints/publish.ts
async function publish(context, app, event) {
  const pending = [];
  for (const channel2 of event.channels) {
    const sent = context.adapter.publish(app.id, channel2, channelEvent(event.name, channel2, event.data), event.socketId);
    if (sent) pending.push(sent);
  }
  if (pending.length > 0) await Promise.all(pending);
}
async function channelInfo(context, app, channels2, info) {
  const result = {};
  for (const channel2 of channels2) {
    const counts = await context.adapter.channel(app.id, channel2);
    const entry = {};
    if (info.includes("user_count") && counts.userCount !== void 0) entry.user_count = counts.userCount;
    if (info.includes("subscription_count")) entry.subscription_count = counts.subscriptionCount;
    result[channel2] = entry;
  }
  return result;
}
var events = async (context, { app, body }) => {
  const event = validatePublish(app, parseJsonBody(body), "channels");
  await publish(context, app, event);
  return event.info.length > 0 ? { channels: await channelInfo(context, app, event.channels, event.info) } : {};
};
var batchEvents = async (context, { app, body }) => {
  const { batch } = parseJsonBody(body);
  if (!Array.isArray(batch)) throw new ApiError("INVALID_PAYLOAD", '"batch" must be a list of events');
  if (batch.length > app.limits.maxBatchEvents) {
    throw new ApiError("BATCH_TOO_LARGE", `at most ${app.limits.maxBatchEvents} events`);
  }
  const events2 = batch.map((raw) => validatePublish(app, raw, "channel"));
  for (const event of events2) await publish(context, app, event);
  if (!events2.some((e) => e.info.length > 0)) return {};
  const infos = [];
  for (const event of events2) {
    infos.push(event.info.length > 0 ? (await channelInfo(context, app, event.channels, event.info))[event.channels[0]] : {});
  }
  return { batch: infos };
};

// src/http/endpoints/users.ts
var terminateConnections = async ({ adapter }, { app, params }) => {
  await adapter.terminateUser(app.id, params[0]);
  return {};
};

// src/protocol/signature.ts
var import_node_crypto = require("crypto");
function hmacHex(secret, data) {
  return (0, import_node_crypto.createHmac)("sha256", secret).update(data).digest("hex");
}
function md5Hex(data) {
  return (0, import_node_crypto.createHash)("md5").update(data).digest("hex");
}
function safeEqual(expected, given) {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length) {
    (0, import_node_crypto.timingSafeEqual)(a, a);
    return false;
  }
  return (0, import_node_crypto.timingSafeEqual)(a, b);
}
function channelAuthString(socketId, channel2, channelData) {
  return channelData === void 0 ? `${socketId}:${channel2}` : `${socketId}:${channel2}:${channelData}`;
}
function userAuthString(socketId, userData) {
  return `${socketId}::user::${userData}`;
}
function verifyAuth(auth, key, secret, signed) {
  if (typeof auth !== "string") return false;
  const colon = auth.indexOf(":");
  if (colon < 0) return false;
  const keyMatches = safeEqual(key, auth.slice(0, colon));
  const signatureMatches = safeEqual(hmacHex(secret, signed), auth.slice(colon + 1));
  return keyMatches && signatureMatches;
}
function httpSigningString(method, path, query) {
  const pairs = [];
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    if (lower !== "auth_signature") pairs.push([lower, value]);
  }
  pairs.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return `${method.toUpperCase()}
${path}
${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`;
}

// src/http/request-auth.ts
function verifyRequest(app, request, nowSeconds = Date.now() / 1e3) {
  const { query } = request;
  const key = query.get("auth_key");
  const timestamp = query.get("auth_timestamp");
  const signature = query.get("auth_signature");
  if (!key || !timestamp || !signature) {
    throw new ApiError("MISSING_AUTH", "auth_key, auth_timestamp and auth_signature are required");
  }
  const version2 = query.get("auth_version");
  if (version2 !== null && version2 !== "1.0") throw new ApiError("UNSUPPORTED_AUTH_VERSION", "use 1.0");
  if (!safeEqual(app.key, key)) throw new ApiError("INVALID_AUTH_KEY");
  const window2 = app.limits.authTimestampWindowSeconds;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > window2) {
    throw new ApiError("EXPIRED_TIMESTAMP", `must be within ${window2} s of the server's clock`);
  }
  const expected = hmacHex(app.secret, httpSigningString(request.method, request.path, query));
  if (!safeEqual(expected, signature.toLowerCase())) throw new ApiError("INVALID_SIGNATURE");
  if (request.body.length > 0) {
    const md5 = query.get("body_md5");
    if (!md5) throw new ApiError("MISSING_AUTH", "body_md5 is required with a body");
    if (!safeEqual(md5Hex(request.body), md5.toLowerCase())) throw new ApiError("BODY_MD5_MISMATCH");
  }
}

// src/http/router.ts
var routes = [
  { method: "POST", pattern: /^\/apps\/([^/]+)\/events$/, endpoint: events },
  { method: "POST", pattern: /^\/apps\/([^/]+)\/batch_events$/, endpoint: batchEvents },
  { method: "GET", pattern: /^\/apps\/([^/]+)\/channels$/, endpoint: channels },
  { method: "GET", pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)$/, endpoint: channel },
  { method: "GET", pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)\/users$/, endpoint: users },
  { method: "POST", pattern: /^\/apps\/([^/]+)\/users\/([^/]+)\/terminate_connections$/, endpoint: terminateConnections }
];
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new ApiError("BODY_TOO_LARGE", `at most ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ApiError("BODY_TOO_LARGE", `at most ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
var ApiRouter = class {
  constructor(context) {
    this.context = context;
    for (const app of context.hub.apps) {
      if (app.limits.httpRequestsPerSecond > 0) {
        this.buckets.set(app.id, new TokenBucket(app.limits.httpRequestsPerSecond, app.limits.httpRequestBurst));
      }
    }
  }
  plain = [];
  /** Per app: requests a second, refused with 429 beyond the burst. */
  buckets = /* @__PURE__ */ new Map();
  addPlainRoute(route) {
    this.plain.push(route);
  }
  async handle(req, res) {
    try {
      await this.route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof ApiError) sendError(res, error);
      else sendError(res, new ApiError("BROKER_FAILURE", error.message));
    }
  }
  async route(req, res) {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    for (const route of this.plain) if (await route(req, res, path)) return;
    let matched;
    let pathMatched = false;
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method === req.method) {
        matched = { route, match };
        break;
      }
    }
    if (!matched) {
      req.resume();
      throw new ApiError(pathMatched ? "METHOD_NOT_ALLOWED" : "NOT_FOUND", `${req.method} ${path}`);
    }
    const [, appId, ...params] = matched.match;
    const app = this.context.hub.appById(decodeURIComponent(appId));
    if (!app) {
      req.resume();
      throw new ApiError("UNKNOWN_APP");
    }
    const bucket = this.buckets.get(app.id);
    if (bucket && !bucket.take()) {
      req.resume();
      res.setHeader("Retry-After", String(bucket.retryAfter()));
      throw new ApiError("RATE_LIMITED", `at most ${app.limits.httpRequestsPerSecond} requests a second`);
    }
    const body = await readBody(req, app.limits.maxHttpBodyBytes);
    verifyRequest(app, { method: req.method, path, query: url.searchParams, body });
    if (!app.enabled) throw new ApiError("APP_DISABLED");
    const result = await matched.route.endpoint(this.context, {
      app,
      params: params.map((p) => decodeURIComponent(p)),
      query: url.searchParams,
      body
    });
    sendJson(res, 200, result);
  }
};

// ../node_modules/ws/wrapper.mjs
var import_stream = __toESM(require_stream(), 1);
var import_receiver = __toESM(require_receiver(), 1);
var import_sender = __toESM(require_sender(), 1);
var import_websocket = __toESM(require_websocket(), 1);
var import_websocket_server = __toESM(require_websocket_server(), 1);

// src/protocol/client-message.ts
function parseClientMessage(raw) {
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "frame is not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "frame must be a JSON object" };
  }
  const record = value;
  if (typeof record.event !== "string" || record.event.length === 0) {
    return { ok: false, reason: 'frame has no "event" string' };
  }
  if (record.channel !== void 0 && typeof record.channel !== "string") {
    return { ok: false, reason: '"channel" must be a string' };
  }
  let data = record.data;
  if (typeof data === "string" && record.event.startsWith("pusher:") && data.startsWith("{")) {
    try {
      data = JSON.parse(data);
    } catch {
      return { ok: false, reason: '"data" is not valid JSON' };
    }
  }
  return { ok: true, message: { event: record.event, channel: record.channel, data } };
}
function stringField(data, field) {
  if (typeof data !== "object" || data === null) return void 0;
  const value = data[field];
  return typeof value === "string" ? value : void 0;
}

// src/client/reply.ts
function refuse(connection, name, detail) {
  connection.sendText(codedError(errorCode(name), detail));
}
function refuseSubscription(connection, channel2, type, status, name, detail) {
  const entry = errorCode(name);
  connection.sendText(subscriptionError(channel2, type, `${entry.message}: ${detail}`, status, entry.code));
  refuse(connection, name, `${detail} (${channel2})`);
}

// src/client/client-event.ts
function clientEvent(hub, connection, message, frameBytes) {
  const { app } = connection;
  const { limits: limits2 } = app;
  const { event, channel: channel2 } = message;
  if (!app.clientEvents) {
    refuse(connection, "CLIENT_EVENT_REJECTED", "client events are disabled for this app");
    return;
  }
  if (channel2 === void 0 || !connection.channels.has(channel2)) {
    refuse(connection, "CLIENT_EVENT_REJECTED", `not subscribed to ${channel2 ?? "(no channel)"}`);
    return;
  }
  const { kind } = channelType(channel2);
  if (kind !== "private" && kind !== "presence") {
    refuse(connection, "CLIENT_EVENT_REJECTED", `client events need a private or presence channel, not ${kind}`);
    return;
  }
  if (event.length > limits2.maxEventNameLength) {
    refuse(connection, "CLIENT_EVENT_REJECTED", `event name is longer than ${limits2.maxEventNameLength} characters`);
    return;
  }
  if (frameBytes > limits2.maxPayloadBytes) {
    refuse(connection, "MESSAGE_TOO_LARGE", `client events are limited to ${limits2.maxPayloadBytes} bytes`);
    return;
  }
  const now = Date.now();
  if (now - connection.clientEventWindowStart >= 1e3) {
    connection.clientEventWindowStart = now;
    connection.clientEventCount = 0;
  }
  if (++connection.clientEventCount > limits2.maxClientEventsPerSecond) {
    refuse(connection, "CLIENT_EVENT_RATE_LIMIT", `at most ${limits2.maxClientEventsPerSecond} per second`);
    return;
  }
  hub.clientEvent(connection, channel2, event, message.data);
}

// src/client/signin.ts
function signin(hub, connection, data) {
  const { app } = connection;
  const auth = stringField(data, "auth");
  const userData = stringField(data, "user_data");
  if (userData === void 0 || auth === void 0) {
    refuse(connection, "SIGNIN_FAILED", "pusher:signin needs data.auth and data.user_data");
    return;
  }
  if (!verifyAuth(auth, app.key, app.secret, userAuthString(connection.socketId, userData))) {
    refuse(connection, "SIGNIN_FAILED", "signature does not match");
    return;
  }
  let user;
  try {
    user = JSON.parse(userData);
  } catch {
    refuse(connection, "SIGNIN_FAILED", "user_data is not valid JSON");
    return;
  }
  const id = user?.id;
  if (typeof id !== "string" || id.length === 0 || id.length > app.limits.maxUserIdLength) {
    refuse(connection, "SIGNIN_FAILED", 'user_data needs an "id" string');
    return;
  }
  hub.signIn(connection, id, userData);
  connection.sendText(signinSuccess(userData));
}

// src/client/subscribe.ts
function subscribe(hub, connection, data) {
  const { app } = connection;
  const { limits: limits2 } = app;
  const name = stringField(data, "channel");
  if (name !== void 0 && isUserChannel(name)) {
    if (connection.user && name === userChannel(connection.user.id)) connection.sendText(subscriptionSucceeded(name));
    else refuseSubscription(connection, name, "AuthError", 403, "SUBSCRIPTION_UNAUTHORIZED", "sign in as this user first");
    return;
  }
  const problem = channelNameProblem(name, limits2.maxChannelNameLength);
  if (problem !== void 0 || name === void 0) {
    if (typeof name === "string") refuseSubscription(connection, name, "InvalidChannel", 400, "INVALID_CHANNEL", problem);
    else refuse(connection, "INVALID_CHANNEL", problem);
    return;
  }
  if (connection.channels.has(name)) {
    if (channelType(name).kind !== "presence") connection.sendText(subscriptionSucceeded(name));
    return;
  }
  if (connection.channels.size >= limits2.maxChannelsPerConnection) {
    refuseSubscription(connection, name, "LimitReached", 429, "TOO_MANY_CHANNELS", `at most ${limits2.maxChannelsPerConnection}`);
    return;
  }
  const { kind } = channelType(name);
  let member;
  if (requiresAuth(kind)) {
    const channelData = kind === "presence" ? stringField(data, "channel_data") : void 0;
    const signed = channelAuthString(connection.socketId, name, channelData);
    if (!verifyAuth(stringField(data, "auth"), app.key, app.secret, signed)) {
      const detail = stringField(data, "auth") === void 0 ? "no auth given" : "signature does not match";
      refuseSubscription(connection, name, "AuthError", 401, "SUBSCRIPTION_UNAUTHORIZED", detail);
      return;
    }
    if (kind === "presence") {
      const parsed = presenceMember(channelData, limits2);
      if (typeof parsed === "string") {
        refuseSubscription(connection, name, "AuthError", 400, "INVALID_CHANNEL_DATA", parsed);
        return;
      }
      const members = hub.channel(app, name)?.members;
      if (members && members.size >= limits2.maxPresenceMembers && !members.has(parsed.userId)) {
        refuseSubscription(connection, name, "LimitReached", 429, "PRESENCE_FULL", `at most ${limits2.maxPresenceMembers} members`);
        return;
      }
      member = parsed;
    }
  }
  hub.subscribe(connection, name, member);
}
function presenceMember(channelData, limits2) {
  if (channelData === void 0) return "presence channels need channel_data";
  let value;
  try {
    value = JSON.parse(channelData);
  } catch {
    return "channel_data is not valid JSON";
  }
  if (typeof value !== "object" || value === null) return "channel_data must be a JSON object";
  const { user_id: rawId, user_info: info } = value;
  if (typeof rawId !== "string" && typeof rawId !== "number" || rawId === "") return "channel_data needs a user_id";
  const userId = String(rawId);
  if (userId.length > limits2.maxUserIdLength) return `user_id is longer than ${limits2.maxUserIdLength} characters`;
  if (info !== void 0 && Buffer.byteLength(JSON.stringify(info)) > limits2.maxUserInfoBytes) {
    return `user_info is larger than ${limits2.maxUserInfoBytes} bytes`;
  }
  return { userId, info };
}

// src/client/unsubscribe.ts
function unsubscribe(hub, connection, data) {
  const name = stringField(data, "channel");
  if (name === void 0) {
    refuse(connection, "INVALID_CHANNEL", "pusher:unsubscribe needs data.channel");
    return;
  }
  hub.unsubscribe(connection, name);
}

// src/client/dispatch.ts
function dispatch(hub, connection, raw) {
  const parsed = parseClientMessage(raw);
  if (!parsed.ok) {
    refuse(connection, "BAD_MESSAGE", parsed.reason);
    return;
  }
  const { message } = parsed;
  switch (message.event) {
    case "pusher:ping":
      connection.sendText(pong);
      return;
    case "pusher:pong":
      return;
    case "pusher:subscribe":
      subscribe(hub, connection, message.data);
      return;
    case "pusher:unsubscribe":
      unsubscribe(hub, connection, message.data);
      return;
    case "pusher:signin":
      signin(hub, connection, message.data);
      return;
    default:
      if (message.event.startsWith(clientEventPrefix)) {
        clientEvent(hub, connection, message, Buffer.byteLength(raw));
      } else {
        refuse(connection, "UNKNOWN_EVENT", message.event.slice(0, 64));
      }
  }
}

// src/limits/client-ip.ts
function normalise(ip) {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}
function clientIp(request, trustedProxies) {
  const peer = normalise(request.socket.remoteAddress ?? "");
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map((h) => normalise(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i])) return hops[i];
  return hops[0] ?? peer;
}

// src/transport/connection.ts
var Connection = class {
  constructor(socketId, app, ws, socket, ip, outbound, headers) {
    this.socketId = socketId;
    this.app = app;
    this.ws = ws;
    this.socket = socket;
    this.ip = ip;
    this.outbound = outbound;
    this.headers = headers;
    this.lastSeen = this.lastMessage = Date.now();
  }
  pending = void 0;
  pendingBytes = 0;
  /** Subscribed channel → the presence user id it joined as (undefined for other kinds). */
  channels = /* @__PURE__ */ new Map();
  user;
  /** ms timestamps: last inbound frame or pong, last inbound message, pending ping. */
  lastSeen;
  lastMessage;
  pingSentAt = 0;
  clientEventWindowStart = 0;
  clientEventCount = 0;
  closing = false;
  send(frame) {
    if (!this.closing) this.outbound.enqueue(this, frame);
  }
  sendText(message) {
    this.send(textFrame(message));
  }
  /** Tells the client why with `pusher:error`, then closes with the same code. */
  closeWith(entry, detail) {
    if (this.closing) return;
    this.closing = true;
    const frames = this.pending ?? [];
    this.pending = void 0;
    this.pendingBytes = 0;
    frames.push(textFrame(codedError(entry, detail)));
    if (!this.socket.destroyed) this.socket.write(Buffer.concat(frames));
    this.ws.close(entry.code, entry.message.slice(0, 120));
    setTimeout(() => this.ws.terminate(), 2e3).unref();
  }
  /** The client reads slower than it is sent to: drop what is queued and let it reconnect. */
  overflow() {
    this.droppedFrames++;
    this.closeWith(closeCode("SLOW_CONSUMER"));
  }
  droppedFrames = 0;
};

// src/transport/handshake.ts
function checkHandshake(request, findApp) {
  const url = new URL(request.url ?? "/", "http://localhost");
  const match = /^\/app\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return { ok: false, refusal: closeCode("PATH_NOT_FOUND") };
  const protocol = url.searchParams.get("protocol");
  if (protocol === null || protocol === "") return { ok: false, refusal: closeCode("NO_PROTOCOL_VERSION") };
  if (!/^\d+$/.test(protocol)) return { ok: false, refusal: closeCode("INVALID_VERSION_FORMAT") };
  const version2 = Number(protocol);
  if (version2 < protocolVersion.minVersion || version2 > protocolVersion.version) {
    return { ok: false, refusal: closeCode("UNSUPPORTED_PROTOCOL_VERSION"), detail: `protocol ${version2}; supported ${protocolVersion.minVersion}\u2013${protocolVersion.version}` };
  }
  const app = findApp(decodeURIComponent(match[1]));
  if (!app) return { ok: false, refusal: closeCode("APP_NOT_FOUND") };
  if (!app.enabled) return { ok: false, refusal: closeCode("APP_DISABLED") };
  const origin = request.headers.origin;
  if (origin && !originAllowed(origin, app.allowedOrigins, request.headers.host)) {
    return { ok: false, refusal: closeCode("ORIGIN_NOT_ALLOWED"), detail: origin.slice(0, 100) };
  }
  return { ok: true, app };
}
function originAllowed(origin, allowed, host) {
  if (allowed.length > 0) return allowed.includes("*") || allowed.includes(origin);
  try {
    return new URL(origin).hostname === new URL(`http://${host ?? ""}`).hostname;
  } catch {
    return false;
  }
}

// src/transport/outbound.ts
var OutboundQueue = class {
  constructor(maxBufferedBytes) {
    this.maxBufferedBytes = maxBufferedBytes;
  }
  dirty = [];
  scheduled = false;
  flushBound = () => this.flush();
  enqueue(target, frame) {
    if (target.pending === void 0) {
      target.pending = [frame];
      this.dirty.push(target);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flushBound);
      }
    } else {
      target.pending.push(frame);
    }
    target.pendingBytes += frame.length;
  }
  /** Writes everything queued. Runs once per turn; also called on shutdown. */
  flush() {
    this.scheduled = false;
    const targets = this.dirty;
    this.dirty = [];
    for (const target of targets) this.write(target);
  }
  /** Writes one target's frames now (before a close frame, say); its dirty entry becomes a no-op. */
  write(target) {
    const frames = target.pending;
    const bytes = target.pendingBytes;
    target.pending = void 0;
    target.pendingBytes = 0;
    if (!frames || target.socket.destroyed) return;
    if (target.socket.writableLength > this.maxBufferedBytes(target)) {
      target.overflow();
      return;
    }
    target.socket.write(frames.length === 1 ? frames[0] : Buffer.concat(frames, bytes));
  }
};

// src/transport/socket-id.ts
var import_node_crypto2 = require("crypto");
var MAX = 2 ** 47;
function newSocketId(inUse) {
  for (; ; ) {
    const id = `${(0, import_node_crypto2.randomInt)(1, MAX)}.${(0, import_node_crypto2.randomInt)(1, MAX)}`;
    if (!inUse(id)) return id;
  }
}

// src/transport/websocket-server.ts
var PusherWebSocketServer = class {
  constructor(hub, options = { trustedProxies: [] }) {
    this.hub = hub;
    this.trustedProxies = new Set(options.trustedProxies);
    for (const app of hub.apps) {
      this.handshakeBuckets.set(app.id, new BucketMap(app.limits.handshakesPerSecondPerIp, app.limits.handshakeBurstPerIp));
    }
    const maxPayload = Math.max(...hub.apps.map((a) => a.limits.maxFrameBytes));
    this.wss = new import_websocket_server.default({ noServer: true, perMessageDeflate: false, maxPayload, clientTracking: false });
  }
  outbound = new OutboundQueue((target) => target.app.limits.maxOutboundBufferBytes);
  wss;
  sweepTimer;
  accepting = true;
  trustedProxies;
  /** Per app: one handshake bucket per client IP. */
  handshakeBuckets = /* @__PURE__ */ new Map();
  attach(server) {
    server.on("upgrade", (request, socket, head) => this.upgrade(request, socket, head));
    this.sweepTimer = setInterval(() => this.sweep(), 1e3);
    this.sweepTimer.unref();
  }
  upgrade(request, socket, head) {
    socket.on("error", () => socket.destroy());
    if (!this.accepting) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const handshake = checkHandshake(request, (key) => this.hub.appByKey(key));
    const ip = clientIp(request, this.trustedProxies);
    if (handshake.ok) {
      const buckets = this.handshakeBuckets.get(handshake.app.id);
      if (!buckets.take(ip)) {
        const status = publishStatus("RATE_LIMITED");
        const body = JSON.stringify({ error: `${status.message}: too many connections from this address`, status: status.status, name: status.name });
        socket.end(
          `HTTP/1.1 429 Too Many Requests\r
Retry-After: ${buckets.retryAfter(ip)}\r
Content-Type: application/json\r
Content-Length: ${Buffer.byteLength(body)}\r
Connection: close\r
\r
${body}`
        );
        return;
      }
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.open(ws, request, socket, handshake, ip));
  }
  open(ws, request, socket, handshake, ip) {
    if (!handshake.ok) {
      const { refusal, detail } = handshake;
      ws.send(codedError(refusal, detail));
      ws.close(refusal.code, refusal.message);
      return;
    }
    const { app } = handshake;
    const max = app.limits.maxConnections;
    if (max > 0 && this.hub.connectionCount(app) >= max) {
      const refusal = closeCode("OVER_CAPACITY");
      ws.send(codedError(refusal, `at most ${max} connections`));
      ws.close(refusal.code, refusal.message);
      return;
    }
    socket.setNoDelay(true);
    const connection = new Connection(
      newSocketId(this.hub.socketIdInUse),
      app,
      ws,
      socket,
      ip,
      this.outbound,
      { cookie: request.headers.cookie, authorization: request.headers.authorization }
    );
    this.hub.connect(connection);
    connection.sendText(connectionEstablished(connection.socketId, app.limits.activityTimeoutSeconds));
    ws.on("message", (data, isBinary) => {
      connection.lastSeen = connection.lastMessage = Date.now();
      connection.pingSentAt = 0;
      if (isBinary) {
        connection.sendText(codedError(errorCode("BAD_MESSAGE"), "binary frames are not part of the Pusher protocol"));
        return;
      }
      if (data.length > app.limits.maxFrameBytes) {
        connection.sendText(codedError(errorCode("MESSAGE_TOO_LARGE"), `frames are limited to ${app.limits.maxFrameBytes} bytes`));
        return;
      }
      dispatch(this.hub, connection, data.toString("utf8"));
    });
    ws.on("pong", () => {
      connection.lastSeen = Date.now();
      connection.pingSentAt = 0;
    });
    ws.on("error", (error) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" && !socket.destroyed) {
        socket.write(textFrame(codedError(errorCode("MESSAGE_TOO_LARGE"), `frames are limited to ${this.wss.options.maxPayload} bytes`)));
      }
    });
    ws.on("close", () => {
      connection.closing = true;
      this.hub.disconnect(connection);
    });
  }
  /**
   * Liveness, once a second for every connection (cheaper than a timer per socket):
   * silent for the activity timeout → ping; ping unanswered → 4201; answering only
   * WebSocket pings (no pusher:pong, no message) past the inactivity limit → 4202.
   */
  sweep(now = Date.now()) {
    const pingFrame = textFrame(ping);
    for (const connection of this.hub.connections()) {
      if (connection.closing) continue;
      const { limits: limits2 } = connection.app;
      if (connection.pingSentAt > 0) {
        if (now - connection.pingSentAt > limits2.pongTimeoutSeconds * 1e3) {
          connection.closeWith(closeCode("PONG_NOT_RECEIVED"));
        }
      } else if (now - connection.lastSeen > limits2.activityTimeoutSeconds * 1e3) {
        connection.pingSentAt = now;
        connection.send(pingFrame);
        connection.ws.ping();
      } else if (now - connection.lastMessage > limits2.maxInactivitySeconds * 1e3) {
        connection.closeWith(closeCode("INACTIVITY_TIMEOUT"));
      }
    }
    this.hub.expireCaches(now);
    for (const buckets of this.handshakeBuckets.values()) buckets.prune(now);
  }
  /** Stop accepting; tell every client to reconnect elsewhere (4200). */
  shutdown() {
    this.accepting = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.outbound.flush();
    for (const connection of [...this.hub.connections()]) connection.closeWith(closeCode("RECONNECT"));
  }
};

// src/server.ts
async function startServer(config, log2) {
  const hub = new Hub(config.apps);
  const adapter = new LocalAdapter(hub);
  hub.adapter = adapter;
  const router = new ApiRouter({ hub, adapter });
  router.addPlainRoute((req, res, path) => {
    if (req.method !== "GET" || path !== "/up" && path !== "/") return false;
    sendJson(res, 200, { status: "ok", connections: hub.connectionCount() });
    return true;
  });
  const http = (0, import_node_http.createServer)({ keepAliveTimeout: 65e3 }, (req, res) => void router.handle(req, res));
  const websockets = new PusherWebSocketServer(hub, { trustedProxies: config.trustedProxies });
  websockets.attach(http);
  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address();
  log2.info(`pogo-ws listening on http://${config.host}:${port} (${config.apps.length} app${config.apps.length === 1 ? "" : "s"}: ${config.apps.map((a) => a.id).join(", ")})`);
  let closing;
  return {
    host: config.host,
    port,
    hub,
    close() {
      closing ??= (async () => {
        const closed = new Promise((resolve) => http.close(() => resolve()));
        websockets.shutdown();
        const deadline = Date.now() + config.shutdownTimeoutSeconds * 1e3;
        while (hub.connectionCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        http.closeAllConnections();
        await adapter.close();
        await closed;
      })();
      return closing;
    }
  };
}

// src/cli.ts
var version = "0.1.0";
var help = `pogo-ws ${version} \u2014 Pusher protocol 7 WebSocket server for Laravel

Usage:
  pogo-ws start [options]     start the server (the default command)
  pogo-ws --help | --version

Options:
  --host HOST         address to bind (default: WS_SERVER_HOST or 0.0.0.0)
  --port PORT         port to bind; 0 picks a free one (default: WS_SERVER_PORT, WS_PORT or 6001)
  --config FILE       JSON configuration: apps, limits, Redis, metrics (see the README)
  --env-file FILE     read environment variables from FILE first (default: ./.env when present)

Without --config, one app comes from the environment: WS_APP_ID, WS_APP_KEY (default: the
app id), WS_APP_SECRET or WS_APP_SECRET_<APP_ID>; REVERB_APP_* are read when WS_APP_* are not.
With nothing configured, a development app (id app-id, key app-key, secret app-secret) is used.
`;
var log = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
  error: (m) => console.error(`error: ${m}`)
};
async function main(argv) {
  const { values, positionals } = (0, import_node_util.parseArgs)({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      config: { type: "string" },
      "env-file": { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" }
    }
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.version) {
    console.log(version);
    return 0;
  }
  const command = positionals[0] ?? "start";
  if (command !== "start") {
    log.error(`unknown command ${JSON.stringify(command)}; see pogo-ws --help`);
    return 2;
  }
  const envFile = values["env-file"] ?? ((0, import_node_fs2.existsSync)(".env") ? ".env" : void 0);
  if (envFile) process.loadEnvFile(envFile);
  const config = loadConfig({ file: values.config, host: values.host, port: values.port, env: process.env, warn: log.warn });
  const server = await startServer(config, log);
  return new Promise((resolve) => {
    const stop = (signal) => {
      log.info(`${signal}: closing connections (4200) and shutting down`);
      server.close().then(
        () => resolve(0),
        (error) => {
          log.error(`shutdown failed: ${error.message}`);
          resolve(1);
        }
      );
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ConfigError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      log.error(error.message);
      process.exit(2);
    }
    log.error(error.stack ?? String(error));
    process.exit(1);
  }
);
