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

// ../node_modules/prom-client/lib/util.js
var require_util = __commonJS({
  "../node_modules/prom-client/lib/util.js"(exports2) {
    "use strict";
    exports2.getValueAsString = function getValueString(value) {
      if (Number.isNaN(value)) {
        return "Nan";
      } else if (!Number.isFinite(value)) {
        if (value < 0) {
          return "-Inf";
        } else {
          return "+Inf";
        }
      } else {
        return `${value}`;
      }
    };
    exports2.removeLabels = function removeLabels(hashMap, labels2, sortedLabelNames) {
      const hash2 = hashObject(labels2, sortedLabelNames);
      delete hashMap[hash2];
    };
    exports2.setValue = function setValue(hashMap, value, labels2) {
      const hash2 = hashObject(labels2);
      hashMap[hash2] = {
        value: typeof value === "number" ? value : 0,
        labels: labels2 || {}
      };
      return hashMap;
    };
    exports2.setValueDelta = function setValueDelta(hashMap, deltaValue, labels2, hash2 = "") {
      const value = typeof deltaValue === "number" ? deltaValue : 0;
      if (hashMap[hash2]) {
        hashMap[hash2].value += value;
      } else {
        hashMap[hash2] = { value, labels: labels2 };
      }
      return hashMap;
    };
    exports2.getLabels = function(labelNames, args) {
      if (typeof args[0] === "object") {
        return args[0];
      }
      if (labelNames.length !== args.length) {
        throw new Error(
          `Invalid number of arguments (${args.length}): "${args.join(
            ", "
          )}" for label names (${labelNames.length}): "${labelNames.join(", ")}".`
        );
      }
      const acc = {};
      for (let i = 0; i < labelNames.length; i++) {
        acc[labelNames[i]] = args[i];
      }
      return acc;
    };
    function fastHashObject(keys, labels2) {
      if (keys.length === 0) {
        return "";
      }
      let hash2 = "";
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const value = labels2[key];
        if (value === void 0) continue;
        hash2 += `${key}:${value},`;
      }
      return hash2;
    }
    function hashObject(labels2, labelNames) {
      if (labelNames) {
        return fastHashObject(labelNames, labels2);
      }
      const keys = Object.keys(labels2);
      if (keys.length > 1) {
        keys.sort();
      }
      return fastHashObject(keys, labels2);
    }
    exports2.hashObject = hashObject;
    exports2.isObject = function isObject2(obj) {
      return obj !== null && typeof obj === "object";
    };
    exports2.nowTimestamp = function nowTimestamp() {
      return Date.now() / 1e3;
    };
    var Grouper = class extends Map {
      /**
       * Adds the `value` to the `key`'s array of values.
       * @param {*} key Key to set.
       * @param {*} value Value to add to `key`'s array.
       * @returns {undefined} undefined.
       */
      add(key, value) {
        if (this.has(key)) {
          this.get(key).push(value);
        } else {
          this.set(key, [value]);
        }
      }
    };
    exports2.Grouper = Grouper;
  }
});

// ../node_modules/prom-client/lib/registry.js
var require_registry = __commonJS({
  "../node_modules/prom-client/lib/registry.js"(exports2, module2) {
    "use strict";
    var { getValueAsString } = require_util();
    var Registry2 = class _Registry {
      static get PROMETHEUS_CONTENT_TYPE() {
        return "text/plain; version=0.0.4; charset=utf-8";
      }
      static get OPENMETRICS_CONTENT_TYPE() {
        return "application/openmetrics-text; version=1.0.0; charset=utf-8";
      }
      constructor(regContentType = _Registry.PROMETHEUS_CONTENT_TYPE) {
        this._metrics = {};
        this._collectors = [];
        this._defaultLabels = {};
        if (regContentType !== _Registry.PROMETHEUS_CONTENT_TYPE && regContentType !== _Registry.OPENMETRICS_CONTENT_TYPE) {
          throw new TypeError(`Content type ${regContentType} is unsupported`);
        }
        this._contentType = regContentType;
      }
      getMetricsAsArray() {
        return Object.values(this._metrics);
      }
      async getMetricsAsString(metrics) {
        const metric = typeof metrics.getForPromString === "function" ? await metrics.getForPromString() : await metrics.get();
        const name = escapeString(metric.name);
        const help2 = `# HELP ${name} ${escapeString(metric.help)}`;
        const type = `# TYPE ${name} ${metric.type}`;
        const values = [help2, type];
        const defaultLabels = Object.keys(this._defaultLabels).length > 0 ? this._defaultLabels : null;
        const isOpenMetrics = this.contentType === _Registry.OPENMETRICS_CONTENT_TYPE;
        for (const val of metric.values || []) {
          let { metricName = name, labels: labels2 = {} } = val;
          const { sharedLabels = {} } = val;
          if (isOpenMetrics && metric.type === "counter") {
            metricName = `${metricName}_total`;
          }
          if (defaultLabels) {
            labels2 = { ...labels2, ...defaultLabels, ...labels2 };
          }
          const formattedLabels = formatLabels(labels2, sharedLabels);
          const flattenedShared = flattenSharedLabels(sharedLabels);
          const labelParts = [...formattedLabels, flattenedShared].filter(Boolean);
          const labelsString = labelParts.length ? `{${labelParts.join(",")}}` : "";
          let fullMetricLine = `${metricName}${labelsString} ${getValueAsString(
            val.value
          )}`;
          const { exemplar } = val;
          if (exemplar && isOpenMetrics) {
            const formattedExemplars = formatLabels(exemplar.labelSet);
            fullMetricLine += ` # {${formattedExemplars.join(
              ","
            )}} ${getValueAsString(exemplar.value)} ${exemplar.timestamp}`;
          }
          values.push(fullMetricLine);
        }
        return values.join("\n");
      }
      async metrics() {
        const isOpenMetrics = this.contentType === _Registry.OPENMETRICS_CONTENT_TYPE;
        const promises = this.getMetricsAsArray().map((metric) => {
          if (isOpenMetrics && metric.type === "counter") {
            metric.name = standardizeCounterName(metric.name);
          }
          return this.getMetricsAsString(metric);
        });
        const resolves = await Promise.all(promises);
        return isOpenMetrics ? `${resolves.join("\n")}
# EOF
` : `${resolves.join("\n\n")}
`;
      }
      registerMetric(metric) {
        if (this._metrics[metric.name] && this._metrics[metric.name] !== metric) {
          throw new Error(
            `A metric with the name ${metric.name} has already been registered.`
          );
        }
        this._metrics[metric.name] = metric;
      }
      clear() {
        this._metrics = {};
        this._defaultLabels = {};
      }
      async getMetricsAsJSON() {
        const metrics = [];
        const defaultLabelNames = Object.keys(this._defaultLabels);
        const promises = [];
        for (const metric of this.getMetricsAsArray()) {
          promises.push(metric.get());
        }
        const resolves = await Promise.all(promises);
        for (const item of resolves) {
          if (item.values && defaultLabelNames.length > 0) {
            for (const val of item.values) {
              val.labels = Object.assign({}, val.labels);
              for (const labelName of defaultLabelNames) {
                val.labels[labelName] = val.labels[labelName] || this._defaultLabels[labelName];
              }
            }
          }
          metrics.push(item);
        }
        return metrics;
      }
      removeSingleMetric(name) {
        delete this._metrics[name];
      }
      getSingleMetricAsString(name) {
        return this.getMetricsAsString(this._metrics[name]);
      }
      getSingleMetric(name) {
        return this._metrics[name];
      }
      setDefaultLabels(labels2) {
        this._defaultLabels = labels2;
      }
      resetMetrics() {
        for (const metric in this._metrics) {
          this._metrics[metric].reset();
        }
      }
      get contentType() {
        return this._contentType;
      }
      setContentType(metricsContentType) {
        if (metricsContentType === _Registry.OPENMETRICS_CONTENT_TYPE || metricsContentType === _Registry.PROMETHEUS_CONTENT_TYPE) {
          this._contentType = metricsContentType;
        } else {
          throw new Error(`Content type ${metricsContentType} is unsupported`);
        }
      }
      static merge(registers) {
        const regType = registers[0].contentType;
        for (const reg of registers) {
          if (reg.contentType !== regType) {
            throw new Error(
              "Registers can only be merged if they have the same content type"
            );
          }
        }
        const mergedRegistry = new _Registry(regType);
        const metricsToMerge = registers.reduce(
          (acc, reg) => acc.concat(reg.getMetricsAsArray()),
          []
        );
        metricsToMerge.forEach(mergedRegistry.registerMetric, mergedRegistry);
        return mergedRegistry;
      }
    };
    function formatLabels(labels2, exclude) {
      const { hasOwnProperty } = Object.prototype;
      const formatted = [];
      for (const [name, value] of Object.entries(labels2)) {
        if (!exclude || !hasOwnProperty.call(exclude, name)) {
          formatted.push(`${name}="${escapeLabelValue(value)}"`);
        }
      }
      return formatted;
    }
    var sharedLabelCache = /* @__PURE__ */ new WeakMap();
    function flattenSharedLabels(labels2) {
      const cached = sharedLabelCache.get(labels2);
      if (cached) {
        return cached;
      }
      const formattedLabels = formatLabels(labels2);
      const flattened = formattedLabels.join(",");
      sharedLabelCache.set(labels2, flattened);
      return flattened;
    }
    function escapeLabelValue(str2) {
      if (typeof str2 !== "string") {
        return str2;
      }
      return escapeString(str2).replace(/"/g, '\\"');
    }
    function escapeString(str2) {
      return str2.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
    }
    function standardizeCounterName(name) {
      return name.replace(/_total$/, "");
    }
    module2.exports = Registry2;
    module2.exports.globalRegistry = new Registry2();
  }
});

// ../node_modules/prom-client/lib/validation.js
var require_validation = __commonJS({
  "../node_modules/prom-client/lib/validation.js"(exports2) {
    "use strict";
    var util = require("util");
    var metricRegexp = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
    var labelRegexp = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
    exports2.validateMetricName = function(name) {
      return metricRegexp.test(name);
    };
    exports2.validateLabelName = function(names = []) {
      return names.every((name) => labelRegexp.test(name));
    };
    exports2.validateLabel = function validateLabel(savedLabels, labels2) {
      for (const label in labels2) {
        if (!savedLabels.includes(label)) {
          throw new Error(
            `Added label "${label}" is not included in initial labelset: ${util.inspect(
              savedLabels
            )}`
          );
        }
      }
    };
  }
});

// ../node_modules/prom-client/lib/metric.js
var require_metric = __commonJS({
  "../node_modules/prom-client/lib/metric.js"(exports2, module2) {
    "use strict";
    var Registry2 = require_registry();
    var { isObject: isObject2 } = require_util();
    var { validateMetricName, validateLabelName } = require_validation();
    var Metric = class {
      constructor(config, defaults = {}) {
        if (!isObject2(config)) {
          throw new TypeError("constructor expected a config object");
        }
        Object.assign(
          this,
          {
            labelNames: [],
            registers: [Registry2.globalRegistry],
            aggregator: "sum",
            enableExemplars: false
          },
          defaults,
          config
        );
        if (!this.registers) {
          this.registers = [Registry2.globalRegistry];
        }
        if (!this.help) {
          throw new Error("Missing mandatory help parameter");
        }
        if (!this.name) {
          throw new Error("Missing mandatory name parameter");
        }
        if (!validateMetricName(this.name)) {
          throw new Error("Invalid metric name");
        }
        if (!validateLabelName(this.labelNames)) {
          throw new Error("Invalid label name");
        }
        if (this.collect && typeof this.collect !== "function") {
          throw new Error('Optional "collect" parameter must be a function');
        }
        if (this.labelNames) {
          this.sortedLabelNames = [...this.labelNames].sort();
        } else {
          this.sortedLabelNames = [];
        }
        this.reset();
        for (const register of this.registers) {
          if (this.enableExemplars && register.contentType === Registry2.PROMETHEUS_CONTENT_TYPE) {
            throw new TypeError(
              "Exemplars are supported only on OpenMetrics registries"
            );
          }
          register.registerMetric(this);
        }
      }
      reset() {
      }
    };
    module2.exports = { Metric };
  }
});

// ../node_modules/prom-client/lib/exemplar.js
var require_exemplar = __commonJS({
  "../node_modules/prom-client/lib/exemplar.js"(exports2, module2) {
    "use strict";
    var Exemplar = class {
      constructor(labelSet = {}, value = null) {
        this.labelSet = labelSet;
        this.value = value;
      }
      /**
       * Validation for the label set format.
       * https://github.com/OpenObservability/OpenMetrics/blob/d99b705f611b75fec8f450b05e344e02eea6921d/specification/OpenMetrics.md#exemplars
       *
       * @param {object} labelSet - Exemplar labels.
       * @throws {RangeError}
       * @return {void}
       */
      validateExemplarLabelSet(labelSet) {
        let res = "";
        for (const [labelName, labelValue] of Object.entries(labelSet)) {
          res += `${labelName}${labelValue}`;
        }
        if (res.length > 128) {
          throw new RangeError(
            "Label set size must be smaller than 128 UTF-8 chars"
          );
        }
      }
    };
    module2.exports = Exemplar;
  }
});

// ../node_modules/prom-client/lib/counter.js
var require_counter = __commonJS({
  "../node_modules/prom-client/lib/counter.js"(exports2, module2) {
    "use strict";
    var util = require("util");
    var {
      hashObject,
      isObject: isObject2,
      getLabels,
      removeLabels,
      nowTimestamp
    } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var Exemplar = require_exemplar();
    var Counter2 = class extends Metric {
      constructor(config) {
        super(config);
        this.type = "counter";
        this.defaultLabels = {};
        this.defaultValue = 1;
        this.defaultExemplarLabelSet = {};
        if (config.enableExemplars) {
          this.enableExemplars = true;
          this.inc = this.incWithExemplar;
        } else {
          this.inc = this.incWithoutExemplar;
        }
      }
      /**
       * Increment counter
       * @param {object} labels - What label you want to be incremented
       * @param {Number} value - Value to increment, if omitted increment with 1
       * @returns {object} results - object with information about the inc operation
       * @returns {string} results.labelHash - hash representation of the labels
       */
      incWithoutExemplar(labels2, value) {
        let hash2 = "";
        if (isObject2(labels2)) {
          hash2 = hashObject(labels2, this.sortedLabelNames);
          validateLabel(this.labelNames, labels2);
        } else {
          value = labels2;
          labels2 = {};
        }
        if (value && !Number.isFinite(value)) {
          throw new TypeError(`Value is not a valid number: ${util.format(value)}`);
        }
        if (value < 0) {
          throw new Error("It is not possible to decrease a counter");
        }
        if (value === null || value === void 0) value = 1;
        setValue(this.hashMap, value, labels2, hash2);
        return { labelHash: hash2 };
      }
      /**
       * Increment counter with exemplar, same as inc but accepts labels for an
       * exemplar.
       * If no label is provided the current exemplar labels are kept unchanged
       * (defaults to empty set).
       *
       * @param {object} incOpts - Object with options about what metric to increase
       * @param {object} incOpts.labels - What label you want to be incremented,
       *                                  defaults to null (metric with no labels)
       * @param {Number} incOpts.value - Value to increment, defaults to 1
       * @param {object} incOpts.exemplarLabels - Key-value  labels for the
       *                                          exemplar, defaults to empty set {}
       * @returns {void}
       */
      incWithExemplar({
        labels: labels2 = this.defaultLabels,
        value = this.defaultValue,
        exemplarLabels = this.defaultExemplarLabelSet
      } = {}) {
        const res = this.incWithoutExemplar(labels2, value);
        this.updateExemplar(exemplarLabels, value, res.labelHash);
      }
      updateExemplar(exemplarLabels, value, hash2) {
        if (exemplarLabels === this.defaultExemplarLabelSet) return;
        if (!isObject2(this.hashMap[hash2].exemplar)) {
          this.hashMap[hash2].exemplar = new Exemplar();
        }
        this.hashMap[hash2].exemplar.validateExemplarLabelSet(exemplarLabels);
        this.hashMap[hash2].exemplar.labelSet = exemplarLabels;
        this.hashMap[hash2].exemplar.value = value ? value : 1;
        this.hashMap[hash2].exemplar.timestamp = nowTimestamp();
      }
      /**
       * Reset counter
       * @returns {void}
       */
      reset() {
        this.hashMap = {};
        if (this.labelNames.length === 0) {
          setValue(this.hashMap, 0);
        }
      }
      async get() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        return {
          help: this.help,
          name: this.name,
          type: this.type,
          values: Object.values(this.hashMap),
          aggregator: this.aggregator
        };
      }
      labels(...args) {
        const labels2 = getLabels(this.labelNames, args) || {};
        return {
          inc: this.inc.bind(this, labels2)
        };
      }
      remove(...args) {
        const labels2 = getLabels(this.labelNames, args) || {};
        validateLabel(this.labelNames, labels2);
        return removeLabels.call(this, this.hashMap, labels2, this.sortedLabelNames);
      }
    };
    function setValue(hashMap, value, labels2 = {}, hash2 = "") {
      if (hashMap[hash2]) {
        hashMap[hash2].value += value;
      } else {
        hashMap[hash2] = { value, labels: labels2 };
      }
      return hashMap;
    }
    module2.exports = Counter2;
  }
});

// ../node_modules/prom-client/lib/gauge.js
var require_gauge = __commonJS({
  "../node_modules/prom-client/lib/gauge.js"(exports2, module2) {
    "use strict";
    var util = require("util");
    var {
      setValue,
      setValueDelta,
      getLabels,
      hashObject,
      isObject: isObject2,
      removeLabels
    } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var Gauge2 = class extends Metric {
      constructor(config) {
        super(config);
        this.type = "gauge";
      }
      /**
       * Set a gauge to a value
       * @param {object} labels - Object with labels and their values
       * @param {Number} value - Value to set the gauge to, must be positive
       * @returns {void}
       */
      set(labels2, value) {
        value = getValueArg(labels2, value);
        labels2 = getLabelArg(labels2);
        set(this, labels2, value);
      }
      /**
       * Reset gauge
       * @returns {void}
       */
      reset() {
        this.hashMap = {};
        if (this.labelNames.length === 0) {
          setValue(this.hashMap, 0, {});
        }
      }
      /**
       * Increment a gauge value
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to increment - if omitted, increment with 1
       * @returns {void}
       */
      inc(labels2, value) {
        value = getValueArg(labels2, value);
        labels2 = getLabelArg(labels2);
        if (value === void 0) value = 1;
        setDelta(this, labels2, value);
      }
      /**
       * Decrement a gauge value
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to decrement - if omitted, decrement with 1
       * @returns {void}
       */
      dec(labels2, value) {
        value = getValueArg(labels2, value);
        labels2 = getLabelArg(labels2);
        if (value === void 0) value = 1;
        setDelta(this, labels2, -value);
      }
      /**
       * Set the gauge to current unix epoch
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {void}
       */
      setToCurrentTime(labels2) {
        const now = Date.now() / 1e3;
        if (labels2 === void 0) {
          this.set(now);
        } else {
          this.set(labels2, now);
        }
      }
      /**
       * Start a timer
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {function} - Invoke this function to set the duration in seconds since you started the timer.
       * @example
       * var done = gauge.startTimer();
       * makeXHRRequest(function(err, response) {
       *	done(); //Duration of the request will be saved
       * });
       */
      startTimer(labels2) {
        const start = process.hrtime();
        return (endLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.set(Object.assign({}, labels2, endLabels), value);
          return value;
        };
      }
      async get() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        return {
          help: this.help,
          name: this.name,
          type: this.type,
          values: Object.values(this.hashMap),
          aggregator: this.aggregator
        };
      }
      _getValue(labels2) {
        const hash2 = hashObject(labels2 || {}, this.sortedLabelNames);
        return this.hashMap[hash2] ? this.hashMap[hash2].value : 0;
      }
      labels(...args) {
        const labels2 = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels2);
        return {
          inc: this.inc.bind(this, labels2),
          dec: this.dec.bind(this, labels2),
          set: this.set.bind(this, labels2),
          setToCurrentTime: this.setToCurrentTime.bind(this, labels2),
          startTimer: this.startTimer.bind(this, labels2)
        };
      }
      remove(...args) {
        const labels2 = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels2);
        removeLabels.call(this, this.hashMap, labels2, this.sortedLabelNames);
      }
    };
    function set(gauge, labels2, value) {
      if (typeof value !== "number") {
        throw new TypeError(`Value is not a valid number: ${util.format(value)}`);
      }
      validateLabel(gauge.labelNames, labels2);
      setValue(gauge.hashMap, value, labels2);
    }
    function setDelta(gauge, labels2, delta) {
      if (typeof delta !== "number") {
        throw new TypeError(`Delta is not a valid number: ${util.format(delta)}`);
      }
      validateLabel(gauge.labelNames, labels2);
      const hash2 = hashObject(labels2, gauge.sortedLabelNames);
      setValueDelta(gauge.hashMap, delta, labels2, hash2);
    }
    function getLabelArg(labels2) {
      return isObject2(labels2) ? labels2 : {};
    }
    function getValueArg(labels2, value) {
      return isObject2(labels2) ? value : labels2;
    }
    module2.exports = Gauge2;
  }
});

// ../node_modules/prom-client/lib/histogram.js
var require_histogram = __commonJS({
  "../node_modules/prom-client/lib/histogram.js"(exports2, module2) {
    "use strict";
    var util = require("util");
    var {
      getLabels,
      hashObject,
      isObject: isObject2,
      removeLabels,
      nowTimestamp
    } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var Exemplar = require_exemplar();
    var Histogram2 = class extends Metric {
      constructor(config) {
        super(config, {
          buckets: [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        });
        this.type = "histogram";
        this.defaultLabels = {};
        this.defaultExemplarLabelSet = {};
        this.enableExemplars = false;
        for (const label of this.labelNames) {
          if (label === "le") {
            throw new Error("le is a reserved label keyword");
          }
        }
        this.upperBounds = this.buckets;
        this.bucketValues = this.upperBounds.reduce((acc, upperBound) => {
          acc[upperBound] = 0;
          return acc;
        }, {});
        if (config.enableExemplars) {
          this.enableExemplars = true;
          this.bucketExemplars = this.upperBounds.reduce((acc, upperBound) => {
            acc[upperBound] = null;
            return acc;
          }, {});
          Object.freeze(this.bucketExemplars);
          this.observe = this.observeWithExemplar;
        } else {
          this.observe = this.observeWithoutExemplar;
        }
        Object.freeze(this.bucketValues);
        Object.freeze(this.upperBounds);
        if (this.labelNames.length === 0) {
          this.hashMap = {
            [hashObject({})]: createBaseValues(
              {},
              this.bucketValues,
              this.bucketExemplars
            )
          };
        }
      }
      /**
       * Observe a value in histogram
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to observe in the histogram
       * @returns {void}
       */
      observeWithoutExemplar(labels2, value) {
        observe.call(this, labels2 === 0 ? 0 : labels2 || {})(value);
      }
      observeWithExemplar({
        labels: labels2 = this.defaultLabels,
        value,
        exemplarLabels = this.defaultExemplarLabelSet
      } = {}) {
        observe.call(this, labels2 === 0 ? 0 : labels2 || {})(value);
        this.updateExemplar(labels2, value, exemplarLabels);
      }
      updateExemplar(labels2, value, exemplarLabels) {
        if (Object.keys(exemplarLabels).length === 0) return;
        const hash2 = hashObject(labels2, this.sortedLabelNames);
        const bound = findBound(this.upperBounds, value);
        const { bucketExemplars } = this.hashMap[hash2];
        let exemplar = bucketExemplars[bound];
        if (!isObject2(exemplar)) {
          exemplar = new Exemplar();
          bucketExemplars[bound] = exemplar;
        }
        exemplar.validateExemplarLabelSet(exemplarLabels);
        exemplar.labelSet = exemplarLabels;
        exemplar.value = value;
        exemplar.timestamp = nowTimestamp();
      }
      async get() {
        const data = await this.getForPromString();
        data.values = data.values.map(splayLabels);
        return data;
      }
      async getForPromString() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        const data = Object.values(this.hashMap);
        const values = data.map(extractBucketValuesForExport(this)).reduce(addSumAndCountForExport(this), []);
        return {
          name: this.name,
          help: this.help,
          type: this.type,
          values,
          aggregator: this.aggregator
        };
      }
      reset() {
        this.hashMap = {};
      }
      /**
       * Initialize the metrics for the given combination of labels to zero
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {void}
       */
      zero(labels2) {
        const hash2 = hashObject(labels2, this.sortedLabelNames);
        this.hashMap[hash2] = createBaseValues(
          labels2,
          this.bucketValues,
          this.bucketExemplars
        );
      }
      /**
       * Start a timer that could be used to logging durations
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {object} exemplarLabels - Object with labels for exemplar where key is the label key and value is label value. Can only be one level deep
       * @returns {function} - Function to invoke when you want to stop the timer and observe the duration in seconds
       * @example
       * var end = histogram.startTimer();
       * makeExpensiveXHRRequest(function(err, res) {
       * 	const duration = end(); //Observe the duration of expensiveXHRRequest and returns duration in seconds
       * 	console.log('Duration', duration);
       * });
       */
      startTimer(labels2, exemplarLabels) {
        return this.enableExemplars ? startTimerWithExemplar.call(this, labels2, exemplarLabels)() : startTimer.call(this, labels2)();
      }
      labels(...args) {
        const labels2 = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels2);
        return {
          observe: observe.call(this, labels2),
          startTimer: startTimer.call(this, labels2)
        };
      }
      remove(...args) {
        const labels2 = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels2);
        removeLabels.call(this, this.hashMap, labels2, this.sortedLabelNames);
      }
    };
    function startTimer(startLabels) {
      return () => {
        const start = process.hrtime();
        return (endLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.observe(Object.assign({}, startLabels, endLabels), value);
          return value;
        };
      };
    }
    function startTimerWithExemplar(startLabels, startExemplarLabels) {
      return () => {
        const start = process.hrtime();
        return (endLabels, endExemplarLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.observe({
            labels: Object.assign({}, startLabels, endLabels),
            value,
            exemplarLabels: Object.assign(
              {},
              startExemplarLabels,
              endExemplarLabels
            )
          });
          return value;
        };
      };
    }
    function setValuePair(labels2, value, metricName, exemplar, sharedLabels = {}) {
      return {
        labels: labels2,
        sharedLabels,
        value,
        metricName,
        exemplar
      };
    }
    function findBound(upperBounds, value) {
      for (let i = 0; i < upperBounds.length; i++) {
        const bound = upperBounds[i];
        if (value <= bound) {
          return bound;
        }
      }
      return -1;
    }
    function observe(labels2) {
      return (value) => {
        const labelValuePair = convertLabelsAndValues(labels2, value);
        validateLabel(this.labelNames, labelValuePair.labels);
        if (!Number.isFinite(labelValuePair.value)) {
          throw new TypeError(
            `Value is not a valid number: ${util.format(labelValuePair.value)}`
          );
        }
        const hash2 = hashObject(labelValuePair.labels, this.sortedLabelNames);
        let valueFromMap = this.hashMap[hash2];
        if (!valueFromMap) {
          valueFromMap = createBaseValues(
            labelValuePair.labels,
            this.bucketValues,
            this.bucketExemplars
          );
        }
        const b = findBound(this.upperBounds, labelValuePair.value);
        valueFromMap.sum += labelValuePair.value;
        valueFromMap.count += 1;
        if (Object.prototype.hasOwnProperty.call(valueFromMap.bucketValues, b)) {
          valueFromMap.bucketValues[b] += 1;
        }
        this.hashMap[hash2] = valueFromMap;
      };
    }
    function createBaseValues(labels2, bucketValues, bucketExemplars) {
      const result = {
        labels: labels2,
        bucketValues: { ...bucketValues },
        sum: 0,
        count: 0
      };
      if (bucketExemplars) {
        result.bucketExemplars = { ...bucketExemplars };
      }
      return result;
    }
    function convertLabelsAndValues(labels2, value) {
      return isObject2(labels2) ? {
        labels: labels2,
        value
      } : {
        value: labels2,
        labels: {}
      };
    }
    function extractBucketValuesForExport(histogram) {
      const name = `${histogram.name}_bucket`;
      return (bucketData) => {
        let acc = 0;
        const buckets = histogram.upperBounds.map((upperBound) => {
          acc += bucketData.bucketValues[upperBound];
          return setValuePair(
            { le: upperBound },
            acc,
            name,
            bucketData.bucketExemplars ? bucketData.bucketExemplars[upperBound] : null,
            bucketData.labels
          );
        });
        return { buckets, data: bucketData };
      };
    }
    function addSumAndCountForExport(histogram) {
      return (acc, d) => {
        acc.push(...d.buckets);
        const infLabel = { le: "+Inf" };
        acc.push(
          setValuePair(
            infLabel,
            d.data.count,
            `${histogram.name}_bucket`,
            d.data.bucketExemplars ? d.data.bucketExemplars["-1"] : null,
            d.data.labels
          ),
          setValuePair(
            {},
            d.data.sum,
            `${histogram.name}_sum`,
            void 0,
            d.data.labels
          ),
          setValuePair(
            {},
            d.data.count,
            `${histogram.name}_count`,
            void 0,
            d.data.labels
          )
        );
        return acc;
      };
    }
    function splayLabels(bucket) {
      const { sharedLabels, labels: labels2, ...newBucket } = bucket;
      for (const label of Object.keys(sharedLabels)) {
        labels2[label] = sharedLabels[label];
      }
      newBucket.labels = labels2;
      return newBucket;
    }
    module2.exports = Histogram2;
  }
});

// ../node_modules/bintrees/lib/treebase.js
var require_treebase = __commonJS({
  "../node_modules/bintrees/lib/treebase.js"(exports2, module2) {
    "use strict";
    function TreeBase() {
    }
    TreeBase.prototype.clear = function() {
      this._root = null;
      this.size = 0;
    };
    TreeBase.prototype.find = function(data) {
      var res = this._root;
      while (res !== null) {
        var c = this._comparator(data, res.data);
        if (c === 0) {
          return res.data;
        } else {
          res = res.get_child(c > 0);
        }
      }
      return null;
    };
    TreeBase.prototype.findIter = function(data) {
      var res = this._root;
      var iter = this.iterator();
      while (res !== null) {
        var c = this._comparator(data, res.data);
        if (c === 0) {
          iter._cursor = res;
          return iter;
        } else {
          iter._ancestors.push(res);
          res = res.get_child(c > 0);
        }
      }
      return null;
    };
    TreeBase.prototype.lowerBound = function(item) {
      var cur = this._root;
      var iter = this.iterator();
      var cmp = this._comparator;
      while (cur !== null) {
        var c = cmp(item, cur.data);
        if (c === 0) {
          iter._cursor = cur;
          return iter;
        }
        iter._ancestors.push(cur);
        cur = cur.get_child(c > 0);
      }
      for (var i = iter._ancestors.length - 1; i >= 0; --i) {
        cur = iter._ancestors[i];
        if (cmp(item, cur.data) < 0) {
          iter._cursor = cur;
          iter._ancestors.length = i;
          return iter;
        }
      }
      iter._ancestors.length = 0;
      return iter;
    };
    TreeBase.prototype.upperBound = function(item) {
      var iter = this.lowerBound(item);
      var cmp = this._comparator;
      while (iter.data() !== null && cmp(iter.data(), item) === 0) {
        iter.next();
      }
      return iter;
    };
    TreeBase.prototype.min = function() {
      var res = this._root;
      if (res === null) {
        return null;
      }
      while (res.left !== null) {
        res = res.left;
      }
      return res.data;
    };
    TreeBase.prototype.max = function() {
      var res = this._root;
      if (res === null) {
        return null;
      }
      while (res.right !== null) {
        res = res.right;
      }
      return res.data;
    };
    TreeBase.prototype.iterator = function() {
      return new Iterator(this);
    };
    TreeBase.prototype.each = function(cb) {
      var it = this.iterator(), data;
      while ((data = it.next()) !== null) {
        if (cb(data) === false) {
          return;
        }
      }
    };
    TreeBase.prototype.reach = function(cb) {
      var it = this.iterator(), data;
      while ((data = it.prev()) !== null) {
        if (cb(data) === false) {
          return;
        }
      }
    };
    function Iterator(tree) {
      this._tree = tree;
      this._ancestors = [];
      this._cursor = null;
    }
    Iterator.prototype.data = function() {
      return this._cursor !== null ? this._cursor.data : null;
    };
    Iterator.prototype.next = function() {
      if (this._cursor === null) {
        var root = this._tree._root;
        if (root !== null) {
          this._minNode(root);
        }
      } else {
        if (this._cursor.right === null) {
          var save;
          do {
            save = this._cursor;
            if (this._ancestors.length) {
              this._cursor = this._ancestors.pop();
            } else {
              this._cursor = null;
              break;
            }
          } while (this._cursor.right === save);
        } else {
          this._ancestors.push(this._cursor);
          this._minNode(this._cursor.right);
        }
      }
      return this._cursor !== null ? this._cursor.data : null;
    };
    Iterator.prototype.prev = function() {
      if (this._cursor === null) {
        var root = this._tree._root;
        if (root !== null) {
          this._maxNode(root);
        }
      } else {
        if (this._cursor.left === null) {
          var save;
          do {
            save = this._cursor;
            if (this._ancestors.length) {
              this._cursor = this._ancestors.pop();
            } else {
              this._cursor = null;
              break;
            }
          } while (this._cursor.left === save);
        } else {
          this._ancestors.push(this._cursor);
          this._maxNode(this._cursor.left);
        }
      }
      return this._cursor !== null ? this._cursor.data : null;
    };
    Iterator.prototype._minNode = function(start) {
      while (start.left !== null) {
        this._ancestors.push(start);
        start = start.left;
      }
      this._cursor = start;
    };
    Iterator.prototype._maxNode = function(start) {
      while (start.right !== null) {
        this._ancestors.push(start);
        start = start.right;
      }
      this._cursor = start;
    };
    module2.exports = TreeBase;
  }
});

// ../node_modules/bintrees/lib/rbtree.js
var require_rbtree = __commonJS({
  "../node_modules/bintrees/lib/rbtree.js"(exports2, module2) {
    "use strict";
    var TreeBase = require_treebase();
    function Node(data) {
      this.data = data;
      this.left = null;
      this.right = null;
      this.red = true;
    }
    Node.prototype.get_child = function(dir) {
      return dir ? this.right : this.left;
    };
    Node.prototype.set_child = function(dir, val) {
      if (dir) {
        this.right = val;
      } else {
        this.left = val;
      }
    };
    function RBTree(comparator) {
      this._root = null;
      this._comparator = comparator;
      this.size = 0;
    }
    RBTree.prototype = new TreeBase();
    RBTree.prototype.insert = function(data) {
      var ret2 = false;
      if (this._root === null) {
        this._root = new Node(data);
        ret2 = true;
        this.size++;
      } else {
        var head = new Node(void 0);
        var dir = 0;
        var last = 0;
        var gp = null;
        var ggp = head;
        var p = null;
        var node = this._root;
        ggp.right = this._root;
        while (true) {
          if (node === null) {
            node = new Node(data);
            p.set_child(dir, node);
            ret2 = true;
            this.size++;
          } else if (is_red(node.left) && is_red(node.right)) {
            node.red = true;
            node.left.red = false;
            node.right.red = false;
          }
          if (is_red(node) && is_red(p)) {
            var dir2 = ggp.right === gp;
            if (node === p.get_child(last)) {
              ggp.set_child(dir2, single_rotate(gp, !last));
            } else {
              ggp.set_child(dir2, double_rotate(gp, !last));
            }
          }
          var cmp = this._comparator(node.data, data);
          if (cmp === 0) {
            break;
          }
          last = dir;
          dir = cmp < 0;
          if (gp !== null) {
            ggp = gp;
          }
          gp = p;
          p = node;
          node = node.get_child(dir);
        }
        this._root = head.right;
      }
      this._root.red = false;
      return ret2;
    };
    RBTree.prototype.remove = function(data) {
      if (this._root === null) {
        return false;
      }
      var head = new Node(void 0);
      var node = head;
      node.right = this._root;
      var p = null;
      var gp = null;
      var found = null;
      var dir = 1;
      while (node.get_child(dir) !== null) {
        var last = dir;
        gp = p;
        p = node;
        node = node.get_child(dir);
        var cmp = this._comparator(data, node.data);
        dir = cmp > 0;
        if (cmp === 0) {
          found = node;
        }
        if (!is_red(node) && !is_red(node.get_child(dir))) {
          if (is_red(node.get_child(!dir))) {
            var sr = single_rotate(node, dir);
            p.set_child(last, sr);
            p = sr;
          } else if (!is_red(node.get_child(!dir))) {
            var sibling = p.get_child(!last);
            if (sibling !== null) {
              if (!is_red(sibling.get_child(!last)) && !is_red(sibling.get_child(last))) {
                p.red = false;
                sibling.red = true;
                node.red = true;
              } else {
                var dir2 = gp.right === p;
                if (is_red(sibling.get_child(last))) {
                  gp.set_child(dir2, double_rotate(p, last));
                } else if (is_red(sibling.get_child(!last))) {
                  gp.set_child(dir2, single_rotate(p, last));
                }
                var gpc = gp.get_child(dir2);
                gpc.red = true;
                node.red = true;
                gpc.left.red = false;
                gpc.right.red = false;
              }
            }
          }
        }
      }
      if (found !== null) {
        found.data = node.data;
        p.set_child(p.right === node, node.get_child(node.left === null));
        this.size--;
      }
      this._root = head.right;
      if (this._root !== null) {
        this._root.red = false;
      }
      return found !== null;
    };
    function is_red(node) {
      return node !== null && node.red;
    }
    function single_rotate(root, dir) {
      var save = root.get_child(!dir);
      root.set_child(!dir, save.get_child(dir));
      save.set_child(dir, root);
      root.red = true;
      save.red = false;
      return save;
    }
    function double_rotate(root, dir) {
      root.set_child(!dir, single_rotate(root.get_child(!dir), !dir));
      return single_rotate(root, dir);
    }
    module2.exports = RBTree;
  }
});

// ../node_modules/bintrees/lib/bintree.js
var require_bintree = __commonJS({
  "../node_modules/bintrees/lib/bintree.js"(exports2, module2) {
    "use strict";
    var TreeBase = require_treebase();
    function Node(data) {
      this.data = data;
      this.left = null;
      this.right = null;
    }
    Node.prototype.get_child = function(dir) {
      return dir ? this.right : this.left;
    };
    Node.prototype.set_child = function(dir, val) {
      if (dir) {
        this.right = val;
      } else {
        this.left = val;
      }
    };
    function BinTree(comparator) {
      this._root = null;
      this._comparator = comparator;
      this.size = 0;
    }
    BinTree.prototype = new TreeBase();
    BinTree.prototype.insert = function(data) {
      if (this._root === null) {
        this._root = new Node(data);
        this.size++;
        return true;
      }
      var dir = 0;
      var p = null;
      var node = this._root;
      while (true) {
        if (node === null) {
          node = new Node(data);
          p.set_child(dir, node);
          ret = true;
          this.size++;
          return true;
        }
        if (this._comparator(node.data, data) === 0) {
          return false;
        }
        dir = this._comparator(node.data, data) < 0;
        p = node;
        node = node.get_child(dir);
      }
    };
    BinTree.prototype.remove = function(data) {
      if (this._root === null) {
        return false;
      }
      var head = new Node(void 0);
      var node = head;
      node.right = this._root;
      var p = null;
      var found = null;
      var dir = 1;
      while (node.get_child(dir) !== null) {
        p = node;
        node = node.get_child(dir);
        var cmp = this._comparator(data, node.data);
        dir = cmp > 0;
        if (cmp === 0) {
          found = node;
        }
      }
      if (found !== null) {
        found.data = node.data;
        p.set_child(p.right === node, node.get_child(node.left === null));
        this._root = head.right;
        this.size--;
        return true;
      } else {
        return false;
      }
    };
    module2.exports = BinTree;
  }
});

// ../node_modules/bintrees/index.js
var require_bintrees = __commonJS({
  "../node_modules/bintrees/index.js"(exports2, module2) {
    "use strict";
    module2.exports = {
      RBTree: require_rbtree(),
      BinTree: require_bintree()
    };
  }
});

// ../node_modules/tdigest/tdigest.js
var require_tdigest = __commonJS({
  "../node_modules/tdigest/tdigest.js"(exports2, module2) {
    "use strict";
    var RBTree = require_bintrees().RBTree;
    function TDigest(delta, K, CX) {
      this.discrete = delta === false;
      this.delta = delta || 0.01;
      this.K = K === void 0 ? 25 : K;
      this.CX = CX === void 0 ? 1.1 : CX;
      this.centroids = new RBTree(compare_centroid_means);
      this.nreset = 0;
      this.reset();
    }
    TDigest.prototype.reset = function() {
      this.centroids.clear();
      this.n = 0;
      this.nreset += 1;
      this.last_cumulate = 0;
    };
    TDigest.prototype.size = function() {
      return this.centroids.size;
    };
    TDigest.prototype.toArray = function(everything) {
      var result = [];
      if (everything) {
        this._cumulate(true);
        this.centroids.each(function(c) {
          result.push(c);
        });
      } else {
        this.centroids.each(function(c) {
          result.push({ mean: c.mean, n: c.n });
        });
      }
      return result;
    };
    TDigest.prototype.summary = function() {
      var approx = this.discrete ? "exact " : "approximating ";
      var s = [
        approx + this.n + " samples using " + this.size() + " centroids",
        "min = " + this.percentile(0),
        "Q1  = " + this.percentile(0.25),
        "Q2  = " + this.percentile(0.5),
        "Q3  = " + this.percentile(0.75),
        "max = " + this.percentile(1)
      ];
      return s.join("\n");
    };
    function compare_centroid_means(a, b) {
      return a.mean > b.mean ? 1 : a.mean < b.mean ? -1 : 0;
    }
    function compare_centroid_mean_cumns(a, b) {
      return a.mean_cumn - b.mean_cumn;
    }
    TDigest.prototype.push = function(x, n) {
      n = n || 1;
      x = Array.isArray(x) ? x : [x];
      for (var i = 0; i < x.length; i++) {
        this._digest(x[i], n);
      }
    };
    TDigest.prototype.push_centroid = function(c) {
      c = Array.isArray(c) ? c : [c];
      for (var i = 0; i < c.length; i++) {
        this._digest(c[i].mean, c[i].n);
      }
    };
    TDigest.prototype._cumulate = function(exact) {
      if (this.n === this.last_cumulate || !exact && this.CX && this.CX > this.n / this.last_cumulate) {
        return;
      }
      var cumn = 0;
      this.centroids.each(function(c) {
        c.mean_cumn = cumn + c.n / 2;
        cumn = c.cumn = cumn + c.n;
      });
      this.n = this.last_cumulate = cumn;
    };
    TDigest.prototype.find_nearest = function(x) {
      if (this.size() === 0) {
        return null;
      }
      var iter = this.centroids.lowerBound({ mean: x });
      var c = iter.data() === null ? iter.prev() : iter.data();
      if (c.mean === x || this.discrete) {
        return c;
      }
      var prev = iter.prev();
      if (prev && Math.abs(prev.mean - x) < Math.abs(c.mean - x)) {
        return prev;
      } else {
        return c;
      }
    };
    TDigest.prototype._new_centroid = function(x, n, cumn) {
      var c = { mean: x, n, cumn };
      this.centroids.insert(c);
      this.n += n;
      return c;
    };
    TDigest.prototype._addweight = function(nearest, x, n) {
      if (x !== nearest.mean) {
        nearest.mean += n * (x - nearest.mean) / (nearest.n + n);
      }
      nearest.cumn += n;
      nearest.mean_cumn += n / 2;
      nearest.n += n;
      this.n += n;
    };
    TDigest.prototype._digest = function(x, n) {
      var min = this.centroids.min();
      var max = this.centroids.max();
      var nearest = this.find_nearest(x);
      if (nearest && nearest.mean === x) {
        this._addweight(nearest, x, n);
      } else if (nearest === min) {
        this._new_centroid(x, n, 0);
      } else if (nearest === max) {
        this._new_centroid(x, n, this.n);
      } else if (this.discrete) {
        this._new_centroid(x, n, nearest.cumn);
      } else {
        var p = nearest.mean_cumn / this.n;
        var max_n = Math.floor(4 * this.n * this.delta * p * (1 - p));
        if (max_n - nearest.n >= n) {
          this._addweight(nearest, x, n);
        } else {
          this._new_centroid(x, n, nearest.cumn);
        }
      }
      this._cumulate(false);
      if (!this.discrete && this.K && this.size() > this.K / this.delta) {
        this.compress();
      }
    };
    TDigest.prototype.bound_mean = function(x) {
      var iter = this.centroids.upperBound({ mean: x });
      var lower = iter.prev();
      var upper = lower.mean === x ? lower : iter.next();
      return [lower, upper];
    };
    TDigest.prototype.p_rank = function(x_or_xlist) {
      var xs = Array.isArray(x_or_xlist) ? x_or_xlist : [x_or_xlist];
      var ps = xs.map(this._p_rank, this);
      return Array.isArray(x_or_xlist) ? ps : ps[0];
    };
    TDigest.prototype._p_rank = function(x) {
      if (this.size() === 0) {
        return void 0;
      } else if (x < this.centroids.min().mean) {
        return 0;
      } else if (x > this.centroids.max().mean) {
        return 1;
      }
      this._cumulate(true);
      var bound = this.bound_mean(x);
      var lower = bound[0], upper = bound[1];
      if (this.discrete) {
        return lower.cumn / this.n;
      } else {
        var cumn = lower.mean_cumn;
        if (lower !== upper) {
          cumn += (x - lower.mean) * (upper.mean_cumn - lower.mean_cumn) / (upper.mean - lower.mean);
        }
        return cumn / this.n;
      }
    };
    TDigest.prototype.bound_mean_cumn = function(cumn) {
      this.centroids._comparator = compare_centroid_mean_cumns;
      var iter = this.centroids.upperBound({ mean_cumn: cumn });
      this.centroids._comparator = compare_centroid_means;
      var lower = iter.prev();
      var upper = lower && lower.mean_cumn === cumn ? lower : iter.next();
      return [lower, upper];
    };
    TDigest.prototype.percentile = function(p_or_plist) {
      var ps = Array.isArray(p_or_plist) ? p_or_plist : [p_or_plist];
      var qs = ps.map(this._percentile, this);
      return Array.isArray(p_or_plist) ? qs : qs[0];
    };
    TDigest.prototype._percentile = function(p) {
      if (this.size() === 0) {
        return void 0;
      }
      this._cumulate(true);
      var h = this.n * p;
      var bound = this.bound_mean_cumn(h);
      var lower = bound[0], upper = bound[1];
      if (upper === lower || lower === null || upper === null) {
        return (lower || upper).mean;
      } else if (!this.discrete) {
        return lower.mean + (h - lower.mean_cumn) * (upper.mean - lower.mean) / (upper.mean_cumn - lower.mean_cumn);
      } else if (h <= lower.cumn) {
        return lower.mean;
      } else {
        return upper.mean;
      }
    };
    function pop_random(choices) {
      var idx = Math.floor(Math.random() * choices.length);
      return choices.splice(idx, 1)[0];
    }
    TDigest.prototype.compress = function() {
      if (this.compressing) {
        return;
      }
      var points = this.toArray();
      this.reset();
      this.compressing = true;
      while (points.length > 0) {
        this.push_centroid(pop_random(points));
      }
      this._cumulate(true);
      this.compressing = false;
    };
    function Digest(config) {
      this.config = config || {};
      this.mode = this.config.mode || "auto";
      TDigest.call(this, this.mode === "cont" ? config.delta : false);
      this.digest_ratio = this.config.ratio || 0.9;
      this.digest_thresh = this.config.thresh || 1e3;
      this.n_unique = 0;
    }
    Digest.prototype = Object.create(TDigest.prototype);
    Digest.prototype.constructor = Digest;
    Digest.prototype.push = function(x_or_xlist) {
      TDigest.prototype.push.call(this, x_or_xlist);
      this.check_continuous();
    };
    Digest.prototype._new_centroid = function(x, n, cumn) {
      this.n_unique += 1;
      TDigest.prototype._new_centroid.call(this, x, n, cumn);
    };
    Digest.prototype._addweight = function(nearest, x, n) {
      if (nearest.n === 1) {
        this.n_unique -= 1;
      }
      TDigest.prototype._addweight.call(this, nearest, x, n);
    };
    Digest.prototype.check_continuous = function() {
      if (this.mode !== "auto" || this.size() < this.digest_thresh) {
        return false;
      }
      if (this.n_unique / this.size() > this.digest_ratio) {
        this.mode = "cont";
        this.discrete = false;
        this.delta = this.config.delta || 0.01;
        this.compress();
        return true;
      }
      return false;
    };
    module2.exports = {
      "TDigest": TDigest,
      "Digest": Digest
    };
  }
});

// ../node_modules/prom-client/lib/timeWindowQuantiles.js
var require_timeWindowQuantiles = __commonJS({
  "../node_modules/prom-client/lib/timeWindowQuantiles.js"(exports2, module2) {
    "use strict";
    var { TDigest } = require_tdigest();
    var TimeWindowQuantiles = class {
      constructor(maxAgeSeconds, ageBuckets) {
        this.maxAgeSeconds = maxAgeSeconds || 0;
        this.ageBuckets = ageBuckets || 0;
        this.shouldRotate = maxAgeSeconds && ageBuckets;
        this.ringBuffer = Array(ageBuckets).fill(new TDigest());
        this.currentBuffer = 0;
        this.lastRotateTimestampMillis = Date.now();
        this.durationBetweenRotatesMillis = maxAgeSeconds * 1e3 / ageBuckets || Infinity;
      }
      size() {
        const bucket = rotate.call(this);
        return bucket.size();
      }
      percentile(quantile) {
        const bucket = rotate.call(this);
        return bucket.percentile(quantile);
      }
      push(value) {
        rotate.call(this);
        this.ringBuffer.forEach((bucket) => {
          bucket.push(value);
        });
      }
      reset() {
        this.ringBuffer.forEach((bucket) => {
          bucket.reset();
        });
      }
      compress() {
        this.ringBuffer.forEach((bucket) => {
          bucket.compress();
        });
      }
    };
    function rotate() {
      let timeSinceLastRotateMillis = Date.now() - this.lastRotateTimestampMillis;
      while (timeSinceLastRotateMillis > this.durationBetweenRotatesMillis && this.shouldRotate) {
        this.ringBuffer[this.currentBuffer] = new TDigest();
        if (++this.currentBuffer >= this.ringBuffer.length) {
          this.currentBuffer = 0;
        }
        timeSinceLastRotateMillis -= this.durationBetweenRotatesMillis;
        this.lastRotateTimestampMillis += this.durationBetweenRotatesMillis;
      }
      return this.ringBuffer[this.currentBuffer];
    }
    module2.exports = TimeWindowQuantiles;
  }
});

// ../node_modules/prom-client/lib/summary.js
var require_summary = __commonJS({
  "../node_modules/prom-client/lib/summary.js"(exports2, module2) {
    "use strict";
    var util = require("util");
    var { getLabels, hashObject, removeLabels } = require_util();
    var { validateLabel } = require_validation();
    var { Metric } = require_metric();
    var timeWindowQuantiles = require_timeWindowQuantiles();
    var DEFAULT_COMPRESS_COUNT = 1e3;
    var Summary = class extends Metric {
      constructor(config) {
        super(config, {
          percentiles: [0.01, 0.05, 0.5, 0.9, 0.95, 0.99, 0.999],
          compressCount: DEFAULT_COMPRESS_COUNT,
          hashMap: {}
        });
        this.type = "summary";
        for (const label of this.labelNames) {
          if (label === "quantile")
            throw new Error("quantile is a reserved label keyword");
        }
        if (this.labelNames.length === 0) {
          this.hashMap = {
            [hashObject({})]: {
              labels: {},
              td: new timeWindowQuantiles(this.maxAgeSeconds, this.ageBuckets),
              count: 0,
              sum: 0
            }
          };
        }
      }
      /**
       * Observe a value
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @param {Number} value - Value to observe
       * @returns {void}
       */
      observe(labels2, value) {
        observe.call(this, labels2 === 0 ? 0 : labels2 || {})(value);
      }
      async get() {
        if (this.collect) {
          const v = this.collect();
          if (v instanceof Promise) await v;
        }
        const hashKeys = Object.keys(this.hashMap);
        const values = [];
        hashKeys.forEach((hashKey) => {
          const s = this.hashMap[hashKey];
          if (s) {
            if (this.pruneAgedBuckets && s.td.size() === 0) {
              delete this.hashMap[hashKey];
            } else {
              extractSummariesForExport(s, this.percentiles).forEach((v) => {
                values.push(v);
              });
              values.push(getSumForExport(s, this));
              values.push(getCountForExport(s, this));
            }
          }
        });
        return {
          name: this.name,
          help: this.help,
          type: this.type,
          values,
          aggregator: this.aggregator
        };
      }
      reset() {
        const data = Object.values(this.hashMap);
        data.forEach((s) => {
          s.td.reset();
          s.count = 0;
          s.sum = 0;
        });
      }
      /**
       * Start a timer that could be used to logging durations
       * @param {object} labels - Object with labels where key is the label key and value is label value. Can only be one level deep
       * @returns {function} - Function to invoke when you want to stop the timer and observe the duration in seconds
       * @example
       * var end = summary.startTimer();
       * makeExpensiveXHRRequest(function(err, res) {
       *	end(); //Observe the duration of expensiveXHRRequest
       * });
       */
      startTimer(labels2) {
        return startTimer.call(this, labels2)();
      }
      labels(...args) {
        const labels2 = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels2);
        return {
          observe: observe.call(this, labels2),
          startTimer: startTimer.call(this, labels2)
        };
      }
      remove(...args) {
        const labels2 = getLabels(this.labelNames, args);
        validateLabel(this.labelNames, labels2);
        removeLabels.call(this, this.hashMap, labels2, this.sortedLabelNames);
      }
    };
    function extractSummariesForExport(summaryOfLabels, percentiles) {
      summaryOfLabels.td.compress();
      return percentiles.map((percentile) => {
        const percentileValue = summaryOfLabels.td.percentile(percentile);
        return {
          labels: Object.assign({ quantile: percentile }, summaryOfLabels.labels),
          value: percentileValue ? percentileValue : 0
        };
      });
    }
    function getCountForExport(value, summary) {
      return {
        metricName: `${summary.name}_count`,
        labels: value.labels,
        value: value.count
      };
    }
    function getSumForExport(value, summary) {
      return {
        metricName: `${summary.name}_sum`,
        labels: value.labels,
        value: value.sum
      };
    }
    function startTimer(startLabels) {
      return () => {
        const start = process.hrtime();
        return (endLabels) => {
          const delta = process.hrtime(start);
          const value = delta[0] + delta[1] / 1e9;
          this.observe(Object.assign({}, startLabels, endLabels), value);
          return value;
        };
      };
    }
    function observe(labels2) {
      return (value) => {
        const labelValuePair = convertLabelsAndValues(labels2, value);
        validateLabel(this.labelNames, labels2);
        if (!Number.isFinite(labelValuePair.value)) {
          throw new TypeError(
            `Value is not a valid number: ${util.format(labelValuePair.value)}`
          );
        }
        const hash2 = hashObject(labelValuePair.labels, this.sortedLabelNames);
        let summaryOfLabel = this.hashMap[hash2];
        if (!summaryOfLabel) {
          summaryOfLabel = {
            labels: labelValuePair.labels,
            td: new timeWindowQuantiles(this.maxAgeSeconds, this.ageBuckets),
            count: 0,
            sum: 0
          };
        }
        summaryOfLabel.td.push(labelValuePair.value);
        summaryOfLabel.count++;
        if (summaryOfLabel.count % this.compressCount === 0) {
          summaryOfLabel.td.compress();
        }
        summaryOfLabel.sum += labelValuePair.value;
        this.hashMap[hash2] = summaryOfLabel;
      };
    }
    function convertLabelsAndValues(labels2, value) {
      if (value === void 0) {
        return {
          value: labels2,
          labels: {}
        };
      }
      return {
        labels: labels2,
        value
      };
    }
    module2.exports = Summary;
  }
});

// ../node_modules/prom-client/lib/pushgateway.js
var require_pushgateway = __commonJS({
  "../node_modules/prom-client/lib/pushgateway.js"(exports2, module2) {
    "use strict";
    var url = require("url");
    var http = require("http");
    var https = require("https");
    var { gzipSync } = require("zlib");
    var { globalRegistry } = require_registry();
    var Pushgateway = class {
      constructor(gatewayUrl, options, registry) {
        if (!registry) {
          registry = globalRegistry;
        }
        this.registry = registry;
        this.gatewayUrl = gatewayUrl;
        const { requireJobName, ...requestOptions } = {
          requireJobName: true,
          ...options
        };
        this.requireJobName = requireJobName;
        this.requestOptions = requestOptions;
      }
      pushAdd(params = {}) {
        if (this.requireJobName && !params.jobName) {
          throw new Error("Missing jobName parameter");
        }
        return useGateway.call(this, "POST", params.jobName, params.groupings);
      }
      push(params = {}) {
        if (this.requireJobName && !params.jobName) {
          throw new Error("Missing jobName parameter");
        }
        return useGateway.call(this, "PUT", params.jobName, params.groupings);
      }
      delete(params = {}) {
        if (this.requireJobName && !params.jobName) {
          throw new Error("Missing jobName parameter");
        }
        return useGateway.call(this, "DELETE", params.jobName, params.groupings);
      }
    };
    async function useGateway(method, job, groupings) {
      const gatewayUrlParsed = url.parse(this.gatewayUrl);
      const gatewayUrlPath = gatewayUrlParsed.pathname && gatewayUrlParsed.pathname !== "/" ? gatewayUrlParsed.pathname : "";
      const jobPath = job ? `/job/${encodeURIComponent(job)}${generateGroupings(groupings)}` : "";
      const path = `${gatewayUrlPath}/metrics${jobPath}`;
      const target = url.resolve(this.gatewayUrl, path);
      const requestParams = url.parse(target);
      const httpModule = isHttps(requestParams.href) ? https : http;
      const options = Object.assign(requestParams, this.requestOptions, {
        method
      });
      return new Promise((resolve, reject) => {
        if (method === "DELETE" && options.headers) {
          delete options.headers["Content-Encoding"];
        }
        const req = httpModule.request(options, (resp) => {
          let body = "";
          resp.setEncoding("utf8");
          resp.on("data", (chunk) => {
            body += chunk;
          });
          resp.on("end", () => {
            if (resp.statusCode >= 400) {
              reject(
                new Error(`push failed with status ${resp.statusCode}, ${body}`)
              );
            } else {
              resolve({ resp, body });
            }
          });
        });
        req.on("error", (err) => {
          reject(err);
        });
        req.on("timeout", () => {
          req.destroy(new Error("Pushgateway request timed out"));
        });
        if (method !== "DELETE") {
          this.registry.metrics().then((metrics) => {
            if (options.headers && options.headers["Content-Encoding"] === "gzip") {
              metrics = gzipSync(metrics);
            }
            req.write(metrics);
            req.end();
          }).catch((err) => {
            reject(err);
          });
        } else {
          req.end();
        }
      });
    }
    function generateGroupings(groupings) {
      if (!groupings) {
        return "";
      }
      return Object.keys(groupings).map(
        (key) => `/${encodeURIComponent(key)}/${encodeURIComponent(groupings[key])}`
      ).join("");
    }
    function isHttps(href) {
      return href.search(/^https/) !== -1;
    }
    module2.exports = Pushgateway;
  }
});

// ../node_modules/prom-client/lib/bucketGenerators.js
var require_bucketGenerators = __commonJS({
  "../node_modules/prom-client/lib/bucketGenerators.js"(exports2) {
    "use strict";
    exports2.linearBuckets = (start, width, count) => {
      if (count < 1) {
        throw new Error("Linear buckets needs a positive count");
      }
      const buckets = new Array(count);
      for (let i = 0; i < count; i++) {
        buckets[i] = start + i * width;
      }
      return buckets;
    };
    exports2.exponentialBuckets = (start, factor, count) => {
      if (start <= 0) {
        throw new Error("Exponential buckets needs a positive start");
      }
      if (count < 1) {
        throw new Error("Exponential buckets needs a positive count");
      }
      if (factor <= 1) {
        throw new Error("Exponential buckets needs a factor greater than 1");
      }
      const buckets = new Array(count);
      for (let i = 0; i < count; i++) {
        buckets[i] = start;
        start *= factor;
      }
      return buckets;
    };
  }
});

// ../node_modules/@opentelemetry/api/dist/diag/types.cjs
var require_types = __commonJS({
  "../node_modules/@opentelemetry/api/dist/diag/types.cjs"(exports2) {
    "use strict";
    var DiagLogLevel = /* @__PURE__ */ (function(DiagLogLevel2) {
      DiagLogLevel2[DiagLogLevel2["NONE"] = 0] = "NONE";
      DiagLogLevel2[DiagLogLevel2["ERROR"] = 30] = "ERROR";
      DiagLogLevel2[DiagLogLevel2["WARN"] = 50] = "WARN";
      DiagLogLevel2[DiagLogLevel2["INFO"] = 60] = "INFO";
      DiagLogLevel2[DiagLogLevel2["DEBUG"] = 70] = "DEBUG";
      DiagLogLevel2[DiagLogLevel2["VERBOSE"] = 80] = "VERBOSE";
      DiagLogLevel2[DiagLogLevel2["ALL"] = 9999] = "ALL";
      return DiagLogLevel2;
    })({});
    exports2.DiagLogLevel = DiagLogLevel;
  }
});

// ../node_modules/@opentelemetry/api/dist/version.cjs
var require_version = __commonJS({
  "../node_modules/@opentelemetry/api/dist/version.cjs"(exports2) {
    "use strict";
    var VERSION = "1.10.0";
    exports2.VERSION = VERSION;
  }
});

// ../node_modules/@opentelemetry/api/dist/internal/semver.cjs
var require_semver = __commonJS({
  "../node_modules/@opentelemetry/api/dist/internal/semver.cjs"(exports2) {
    "use strict";
    var require_version3 = require_version();
    var re = /^(\d+)\.(\d+)\.(\d+)(-(.+))?$/;
    function _makeCompatibilityCheck(ownVersion) {
      const acceptedVersions = /* @__PURE__ */ new Set([ownVersion]);
      const rejectedVersions = /* @__PURE__ */ new Set();
      const myVersionMatch = ownVersion.match(re);
      if (!myVersionMatch) return () => false;
      const ownVersionParsed = {
        major: +myVersionMatch[1],
        minor: +myVersionMatch[2],
        patch: +myVersionMatch[3],
        prerelease: myVersionMatch[4]
      };
      if (ownVersionParsed.prerelease != null) return function isExactmatch(globalVersion) {
        return globalVersion === ownVersion;
      };
      function _reject(v) {
        rejectedVersions.add(v);
        return false;
      }
      function _accept(v) {
        acceptedVersions.add(v);
        return true;
      }
      return function isCompatible2(globalVersion) {
        if (acceptedVersions.has(globalVersion)) return true;
        if (rejectedVersions.has(globalVersion)) return false;
        const globalVersionMatch = globalVersion.match(re);
        if (!globalVersionMatch) return _reject(globalVersion);
        const globalVersionParsed = {
          major: +globalVersionMatch[1],
          minor: +globalVersionMatch[2],
          patch: +globalVersionMatch[3],
          prerelease: globalVersionMatch[4]
        };
        if (globalVersionParsed.prerelease != null) return _reject(globalVersion);
        if (ownVersionParsed.major !== globalVersionParsed.major) return _reject(globalVersion);
        if (ownVersionParsed.major === 0) {
          if (ownVersionParsed.minor === globalVersionParsed.minor && ownVersionParsed.patch <= globalVersionParsed.patch) return _accept(globalVersion);
          return _reject(globalVersion);
        }
        if (ownVersionParsed.minor <= globalVersionParsed.minor) return _accept(globalVersion);
        return _reject(globalVersion);
      };
    }
    var isCompatible = _makeCompatibilityCheck(require_version3.VERSION);
    exports2._makeCompatibilityCheck = _makeCompatibilityCheck;
    exports2.isCompatible = isCompatible;
  }
});

// ../node_modules/@opentelemetry/api/dist/internal/global-utils.cjs
var require_global_utils = __commonJS({
  "../node_modules/@opentelemetry/api/dist/internal/global-utils.cjs"(exports2) {
    "use strict";
    var require_version3 = require_version();
    var require_semver2 = require_semver();
    var major = require_version3.VERSION.split(".")[0];
    var GLOBAL_OPENTELEMETRY_API_KEY = Symbol.for(`opentelemetry.js.api.${major}`);
    var _global = typeof globalThis === "object" ? globalThis : typeof self === "object" ? self : typeof window === "object" ? window : typeof global === "object" ? global : {};
    function _makeGlobalApi() {
      return Object.defineProperty({}, "version", {
        value: require_version3.VERSION,
        enumerable: true,
        writable: false,
        configurable: false
      });
    }
    function registerGlobal(type, instance, diag, allowOverride = false) {
      var _global$GLOBAL_OPENTE;
      const api = _global[GLOBAL_OPENTELEMETRY_API_KEY] = (_global$GLOBAL_OPENTE = _global[GLOBAL_OPENTELEMETRY_API_KEY]) !== null && _global$GLOBAL_OPENTE !== void 0 ? _global$GLOBAL_OPENTE : _makeGlobalApi();
      if (!allowOverride && api[type]) {
        const err = /* @__PURE__ */ new Error(`@opentelemetry/api: Attempted duplicate registration of API: ${type}`);
        diag.error(err.stack || err.message);
        return false;
      }
      if (api.version !== "1.10.0") {
        const err = /* @__PURE__ */ new Error(`@opentelemetry/api: Registration of version v${api.version} for ${type} does not match previously registered API v${require_version3.VERSION}`);
        diag.error(err.stack || err.message);
        return false;
      }
      api[type] = instance;
      diag.debug(`@opentelemetry/api: Registered a global for ${type} v${require_version3.VERSION}.`);
      return true;
    }
    var _compatibleGlobalApi;
    function getGlobal(type) {
      const api = _global[GLOBAL_OPENTELEMETRY_API_KEY];
      if (api == null) return;
      if (api !== _compatibleGlobalApi) {
        if (!api.version || !require_semver2.isCompatible(api.version)) return;
        _compatibleGlobalApi = api;
      }
      return api[type];
    }
    function unregisterGlobal(type, diag) {
      diag.debug(`@opentelemetry/api: Unregistering a global for ${type} v${require_version3.VERSION}.`);
      const api = _global[GLOBAL_OPENTELEMETRY_API_KEY];
      if (api) delete api[type];
    }
    exports2.getGlobal = getGlobal;
    exports2.registerGlobal = registerGlobal;
    exports2.unregisterGlobal = unregisterGlobal;
  }
});

// ../node_modules/@opentelemetry/api/dist/diag/ComponentLogger.cjs
var require_ComponentLogger = __commonJS({
  "../node_modules/@opentelemetry/api/dist/diag/ComponentLogger.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var DiagComponentLogger = class {
      constructor(props) {
        this._namespace = props.namespace || "DiagComponentLogger";
      }
      debug(...args) {
        return logProxy("debug", this._namespace, args);
      }
      error(...args) {
        return logProxy("error", this._namespace, args);
      }
      info(...args) {
        return logProxy("info", this._namespace, args);
      }
      warn(...args) {
        return logProxy("warn", this._namespace, args);
      }
      verbose(...args) {
        return logProxy("verbose", this._namespace, args);
      }
    };
    function logProxy(funcName, namespace, args) {
      const logger = require_global_utils2.getGlobal("diag");
      if (!logger) return;
      return logger[funcName](namespace, ...args);
    }
    exports2.DiagComponentLogger = DiagComponentLogger;
  }
});

// ../node_modules/@opentelemetry/api/dist/diag/internal/logLevelLogger.cjs
var require_logLevelLogger = __commonJS({
  "../node_modules/@opentelemetry/api/dist/diag/internal/logLevelLogger.cjs"(exports2) {
    "use strict";
    require_types();
    function createLogLevelDiagLogger(maxLevel, logger) {
      if (maxLevel < 0) maxLevel = 0;
      else if (maxLevel > 9999) maxLevel = 9999;
      logger = logger || {};
      function _filterFunc(funcName, theLevel) {
        const theFunc = logger[funcName];
        if (typeof theFunc === "function" && maxLevel >= theLevel) return theFunc.bind(logger);
        return function() {
        };
      }
      return {
        error: _filterFunc("error", 30),
        warn: _filterFunc("warn", 50),
        info: _filterFunc("info", 60),
        debug: _filterFunc("debug", 70),
        verbose: _filterFunc("verbose", 80)
      };
    }
    exports2.createLogLevelDiagLogger = createLogLevelDiagLogger;
  }
});

// ../node_modules/@opentelemetry/api/dist/api/diag.cjs
var require_diag = __commonJS({
  "../node_modules/@opentelemetry/api/dist/api/diag.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var require_ComponentLogger2 = require_ComponentLogger();
    require_types();
    var require_logLevelLogger2 = require_logLevelLogger();
    var API_NAME = "diag";
    var DiagAPI = class DiagAPI2 {
      /** Get the singleton instance of the DiagAPI API */
      static instance() {
        if (!this._instance) this._instance = new DiagAPI2();
        return this._instance;
      }
      /**
      * Private internal constructor
      * @private
      */
      constructor() {
        function _logProxy(funcName) {
          return function(...args) {
            const logger = require_global_utils2.getGlobal("diag");
            if (!logger) return;
            return logger[funcName](...args);
          };
        }
        const self2 = this;
        const setLogger = (logger, optionsOrLogLevel = { logLevel: 60 }) => {
          var _optionsOrLogLevel$lo;
          if (logger === self2) {
            var _err$stack;
            const err = /* @__PURE__ */ new Error("Cannot use diag as the logger for itself. Please use a DiagLogger implementation like ConsoleDiagLogger or a custom implementation");
            self2.error((_err$stack = err.stack) !== null && _err$stack !== void 0 ? _err$stack : err.message);
            return false;
          }
          if (typeof optionsOrLogLevel === "number") optionsOrLogLevel = { logLevel: optionsOrLogLevel };
          const oldLogger = require_global_utils2.getGlobal("diag");
          const newLogger = require_logLevelLogger2.createLogLevelDiagLogger((_optionsOrLogLevel$lo = optionsOrLogLevel.logLevel) !== null && _optionsOrLogLevel$lo !== void 0 ? _optionsOrLogLevel$lo : 60, logger);
          if (oldLogger && !optionsOrLogLevel.suppressOverrideMessage) {
            var _Error$stack;
            const stack = (_Error$stack = (/* @__PURE__ */ new Error()).stack) !== null && _Error$stack !== void 0 ? _Error$stack : "<failed to generate stacktrace>";
            oldLogger.warn(`Current logger will be overwritten from ${stack}`);
            newLogger.warn(`Current logger will overwrite one already registered from ${stack}`);
          }
          return require_global_utils2.registerGlobal("diag", newLogger, self2, true);
        };
        self2.setLogger = setLogger;
        self2.disable = () => {
          require_global_utils2.unregisterGlobal(API_NAME, self2);
        };
        self2.createComponentLogger = (options) => {
          return new require_ComponentLogger2.DiagComponentLogger(options);
        };
        self2.verbose = _logProxy("verbose");
        self2.debug = _logProxy("debug");
        self2.info = _logProxy("info");
        self2.warn = _logProxy("warn");
        self2.error = _logProxy("error");
      }
    };
    exports2.DiagAPI = DiagAPI;
  }
});

// ../node_modules/@opentelemetry/api/dist/baggage/internal/baggage-impl.cjs
var require_baggage_impl = __commonJS({
  "../node_modules/@opentelemetry/api/dist/baggage/internal/baggage-impl.cjs"(exports2) {
    "use strict";
    var BaggageImpl = class BaggageImpl2 {
      constructor(entries) {
        this._entries = entries ? new Map(entries) : /* @__PURE__ */ new Map();
      }
      getEntry(key) {
        const entry = this._entries.get(key);
        if (!entry) return;
        return Object.assign({}, entry);
      }
      getAllEntries() {
        return Array.from(this._entries.entries());
      }
      setEntry(key, entry) {
        const newBaggage = new BaggageImpl2(this._entries);
        newBaggage._entries.set(key, entry);
        return newBaggage;
      }
      removeEntry(key) {
        const newBaggage = new BaggageImpl2(this._entries);
        newBaggage._entries.delete(key);
        return newBaggage;
      }
      removeEntries(...keys) {
        const newBaggage = new BaggageImpl2(this._entries);
        for (const key of keys) newBaggage._entries.delete(key);
        return newBaggage;
      }
      clear() {
        return new BaggageImpl2();
      }
    };
    exports2.BaggageImpl = BaggageImpl;
  }
});

// ../node_modules/@opentelemetry/api/dist/baggage/internal/symbol.cjs
var require_symbol = __commonJS({
  "../node_modules/@opentelemetry/api/dist/baggage/internal/symbol.cjs"(exports2) {
    "use strict";
    var baggageEntryMetadataSymbol = Symbol("BaggageEntryMetadata");
    exports2.baggageEntryMetadataSymbol = baggageEntryMetadataSymbol;
  }
});

// ../node_modules/@opentelemetry/api/dist/baggage/utils.cjs
var require_utils = __commonJS({
  "../node_modules/@opentelemetry/api/dist/baggage/utils.cjs"(exports2) {
    "use strict";
    var require_diag2 = require_diag();
    var require_baggage_impl2 = require_baggage_impl();
    var require_symbol2 = require_symbol();
    var diag = require_diag2.DiagAPI.instance();
    function createBaggage(entries = {}) {
      return new require_baggage_impl2.BaggageImpl(new Map(Object.entries(entries)));
    }
    function baggageEntryMetadataFromString(str2) {
      if (typeof str2 !== "string") {
        diag.error(`Cannot create baggage metadata from unknown type: ${typeof str2}`);
        str2 = "";
      }
      return {
        __TYPE__: require_symbol2.baggageEntryMetadataSymbol,
        toString() {
          return str2;
        }
      };
    }
    exports2.baggageEntryMetadataFromString = baggageEntryMetadataFromString;
    exports2.createBaggage = createBaggage;
  }
});

// ../node_modules/@opentelemetry/api/dist/context/context.cjs
var require_context = __commonJS({
  "../node_modules/@opentelemetry/api/dist/context/context.cjs"(exports2) {
    "use strict";
    function createContextKey(description) {
      return Symbol.for(description);
    }
    var ROOT_CONTEXT = new class BaseContext {
      /**
      * Construct a new context which inherits values from an optional parent context.
      *
      * @param parentContext a context from which to inherit values
      */
      constructor(parentContext) {
        const self2 = this;
        self2._currentContext = parentContext ? new Map(parentContext) : /* @__PURE__ */ new Map();
        self2.getValue = (key) => self2._currentContext.get(key);
        self2.setValue = (key, value) => {
          const context = new BaseContext(self2._currentContext);
          context._currentContext.set(key, value);
          return context;
        };
        self2.deleteValue = (key) => {
          const context = new BaseContext(self2._currentContext);
          context._currentContext.delete(key);
          return context;
        };
      }
    }();
    exports2.ROOT_CONTEXT = ROOT_CONTEXT;
    exports2.createContextKey = createContextKey;
  }
});

// ../node_modules/@opentelemetry/api/dist/diag/consoleLogger.cjs
var require_consoleLogger = __commonJS({
  "../node_modules/@opentelemetry/api/dist/diag/consoleLogger.cjs"(exports2) {
    "use strict";
    var consoleMap = [
      {
        n: "error",
        c: "error"
      },
      {
        n: "warn",
        c: "warn"
      },
      {
        n: "info",
        c: "info"
      },
      {
        n: "debug",
        c: "debug"
      },
      {
        n: "verbose",
        c: "trace"
      }
    ];
    var _originalConsoleMethods = {};
    if (typeof console !== "undefined") {
      for (const key of [
        "error",
        "warn",
        "info",
        "debug",
        "trace",
        "log"
      ]) if (typeof console[key] === "function") _originalConsoleMethods[key] = console[key];
    }
    var DiagConsoleLogger = class {
      constructor() {
        function _consoleFunc(funcName) {
          return function(...args) {
            let theFunc = _originalConsoleMethods[funcName];
            if (typeof theFunc !== "function") theFunc = _originalConsoleMethods["log"];
            if (typeof theFunc !== "function" && console) {
              theFunc = console[funcName];
              if (typeof theFunc !== "function") theFunc = console.log;
            }
            if (typeof theFunc === "function") return theFunc.apply(console, args);
          };
        }
        for (let i = 0; i < consoleMap.length; i++) this[consoleMap[i].n] = _consoleFunc(consoleMap[i].c);
      }
    };
    exports2.DiagConsoleLogger = DiagConsoleLogger;
    exports2._originalConsoleMethods = _originalConsoleMethods;
  }
});

// ../node_modules/@opentelemetry/api/dist/metrics/NoopMeter.cjs
var require_NoopMeter = __commonJS({
  "../node_modules/@opentelemetry/api/dist/metrics/NoopMeter.cjs"(exports2) {
    "use strict";
    var NoopMeter = class {
      constructor() {
      }
      /**
      * @see {@link Meter.createGauge}
      */
      createGauge(_name, _options) {
        return NOOP_GAUGE_METRIC;
      }
      /**
      * @see {@link Meter.createHistogram}
      */
      createHistogram(_name, _options) {
        return NOOP_HISTOGRAM_METRIC;
      }
      /**
      * @see {@link Meter.createCounter}
      */
      createCounter(_name, _options) {
        return NOOP_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.createUpDownCounter}
      */
      createUpDownCounter(_name, _options) {
        return NOOP_UP_DOWN_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.createObservableGauge}
      */
      createObservableGauge(_name, _options) {
        return NOOP_OBSERVABLE_GAUGE_METRIC;
      }
      /**
      * @see {@link Meter.createObservableCounter}
      */
      createObservableCounter(_name, _options) {
        return NOOP_OBSERVABLE_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.createObservableUpDownCounter}
      */
      createObservableUpDownCounter(_name, _options) {
        return NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC;
      }
      /**
      * @see {@link Meter.addBatchObservableCallback}
      */
      addBatchObservableCallback(_callback, _observables) {
      }
      /**
      * @see {@link Meter.removeBatchObservableCallback}
      */
      removeBatchObservableCallback(_callback) {
      }
    };
    var NoopMetric = class {
    };
    var NoopCounterMetric = class extends NoopMetric {
      add(_value, _attributes) {
      }
    };
    var NoopUpDownCounterMetric = class extends NoopMetric {
      add(_value, _attributes) {
      }
    };
    var NoopGaugeMetric = class extends NoopMetric {
      record(_value, _attributes) {
      }
    };
    var NoopHistogramMetric = class extends NoopMetric {
      record(_value, _attributes) {
      }
    };
    var NoopObservableMetric = class {
      addCallback(_callback) {
      }
      removeCallback(_callback) {
      }
    };
    var NoopObservableCounterMetric = class extends NoopObservableMetric {
    };
    var NoopObservableGaugeMetric = class extends NoopObservableMetric {
    };
    var NoopObservableUpDownCounterMetric = class extends NoopObservableMetric {
    };
    var NOOP_METER = new NoopMeter();
    var NOOP_COUNTER_METRIC = new NoopCounterMetric();
    var NOOP_GAUGE_METRIC = new NoopGaugeMetric();
    var NOOP_HISTOGRAM_METRIC = new NoopHistogramMetric();
    var NOOP_UP_DOWN_COUNTER_METRIC = new NoopUpDownCounterMetric();
    var NOOP_OBSERVABLE_COUNTER_METRIC = new NoopObservableCounterMetric();
    var NOOP_OBSERVABLE_GAUGE_METRIC = new NoopObservableGaugeMetric();
    var NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC = new NoopObservableUpDownCounterMetric();
    function createNoopMeter() {
      return NOOP_METER;
    }
    exports2.NOOP_COUNTER_METRIC = NOOP_COUNTER_METRIC;
    exports2.NOOP_GAUGE_METRIC = NOOP_GAUGE_METRIC;
    exports2.NOOP_HISTOGRAM_METRIC = NOOP_HISTOGRAM_METRIC;
    exports2.NOOP_METER = NOOP_METER;
    exports2.NOOP_OBSERVABLE_COUNTER_METRIC = NOOP_OBSERVABLE_COUNTER_METRIC;
    exports2.NOOP_OBSERVABLE_GAUGE_METRIC = NOOP_OBSERVABLE_GAUGE_METRIC;
    exports2.NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC = NOOP_OBSERVABLE_UP_DOWN_COUNTER_METRIC;
    exports2.NOOP_UP_DOWN_COUNTER_METRIC = NOOP_UP_DOWN_COUNTER_METRIC;
    exports2.NoopCounterMetric = NoopCounterMetric;
    exports2.NoopGaugeMetric = NoopGaugeMetric;
    exports2.NoopHistogramMetric = NoopHistogramMetric;
    exports2.NoopMeter = NoopMeter;
    exports2.NoopMetric = NoopMetric;
    exports2.NoopObservableCounterMetric = NoopObservableCounterMetric;
    exports2.NoopObservableGaugeMetric = NoopObservableGaugeMetric;
    exports2.NoopObservableMetric = NoopObservableMetric;
    exports2.NoopObservableUpDownCounterMetric = NoopObservableUpDownCounterMetric;
    exports2.NoopUpDownCounterMetric = NoopUpDownCounterMetric;
    exports2.createNoopMeter = createNoopMeter;
  }
});

// ../node_modules/@opentelemetry/api/dist/metrics/Metric.cjs
var require_Metric = __commonJS({
  "../node_modules/@opentelemetry/api/dist/metrics/Metric.cjs"(exports2) {
    "use strict";
    var ValueType = /* @__PURE__ */ (function(ValueType2) {
      ValueType2[ValueType2["INT"] = 0] = "INT";
      ValueType2[ValueType2["DOUBLE"] = 1] = "DOUBLE";
      return ValueType2;
    })({});
    exports2.ValueType = ValueType;
  }
});

// ../node_modules/@opentelemetry/api/dist/logs/NoopLogger.cjs
var require_NoopLogger = __commonJS({
  "../node_modules/@opentelemetry/api/dist/logs/NoopLogger.cjs"(exports2) {
    "use strict";
    var NoopLogger = class {
      emit(_logRecord) {
      }
      enabled() {
        return false;
      }
    };
    var NOOP_LOGGER = new NoopLogger();
    function createNoopLogger() {
      return NOOP_LOGGER;
    }
    exports2.NOOP_LOGGER = NOOP_LOGGER;
    exports2.NoopLogger = NoopLogger;
    exports2.createNoopLogger = createNoopLogger;
  }
});

// ../node_modules/@opentelemetry/api/dist/logs/LogRecord.cjs
var require_LogRecord = __commonJS({
  "../node_modules/@opentelemetry/api/dist/logs/LogRecord.cjs"(exports2) {
    "use strict";
    var SeverityNumber = /* @__PURE__ */ (function(SeverityNumber2) {
      SeverityNumber2[SeverityNumber2["UNSPECIFIED"] = 0] = "UNSPECIFIED";
      SeverityNumber2[SeverityNumber2["TRACE"] = 1] = "TRACE";
      SeverityNumber2[SeverityNumber2["TRACE2"] = 2] = "TRACE2";
      SeverityNumber2[SeverityNumber2["TRACE3"] = 3] = "TRACE3";
      SeverityNumber2[SeverityNumber2["TRACE4"] = 4] = "TRACE4";
      SeverityNumber2[SeverityNumber2["DEBUG"] = 5] = "DEBUG";
      SeverityNumber2[SeverityNumber2["DEBUG2"] = 6] = "DEBUG2";
      SeverityNumber2[SeverityNumber2["DEBUG3"] = 7] = "DEBUG3";
      SeverityNumber2[SeverityNumber2["DEBUG4"] = 8] = "DEBUG4";
      SeverityNumber2[SeverityNumber2["INFO"] = 9] = "INFO";
      SeverityNumber2[SeverityNumber2["INFO2"] = 10] = "INFO2";
      SeverityNumber2[SeverityNumber2["INFO3"] = 11] = "INFO3";
      SeverityNumber2[SeverityNumber2["INFO4"] = 12] = "INFO4";
      SeverityNumber2[SeverityNumber2["WARN"] = 13] = "WARN";
      SeverityNumber2[SeverityNumber2["WARN2"] = 14] = "WARN2";
      SeverityNumber2[SeverityNumber2["WARN3"] = 15] = "WARN3";
      SeverityNumber2[SeverityNumber2["WARN4"] = 16] = "WARN4";
      SeverityNumber2[SeverityNumber2["ERROR"] = 17] = "ERROR";
      SeverityNumber2[SeverityNumber2["ERROR2"] = 18] = "ERROR2";
      SeverityNumber2[SeverityNumber2["ERROR3"] = 19] = "ERROR3";
      SeverityNumber2[SeverityNumber2["ERROR4"] = 20] = "ERROR4";
      SeverityNumber2[SeverityNumber2["FATAL"] = 21] = "FATAL";
      SeverityNumber2[SeverityNumber2["FATAL2"] = 22] = "FATAL2";
      SeverityNumber2[SeverityNumber2["FATAL3"] = 23] = "FATAL3";
      SeverityNumber2[SeverityNumber2["FATAL4"] = 24] = "FATAL4";
      return SeverityNumber2;
    })({});
    exports2.SeverityNumber = SeverityNumber;
  }
});

// ../node_modules/@opentelemetry/api/dist/propagation/TextMapPropagator.cjs
var require_TextMapPropagator = __commonJS({
  "../node_modules/@opentelemetry/api/dist/propagation/TextMapPropagator.cjs"(exports2) {
    "use strict";
    var defaultTextMapGetter = {
      get(carrier, key) {
        if (carrier == null) return;
        return carrier[key];
      },
      keys(carrier) {
        if (carrier == null) return [];
        return Object.keys(carrier);
      }
    };
    var defaultTextMapSetter = { set(carrier, key, value) {
      if (carrier == null) return;
      carrier[key] = value;
    } };
    exports2.defaultTextMapGetter = defaultTextMapGetter;
    exports2.defaultTextMapSetter = defaultTextMapSetter;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/trace_flags.cjs
var require_trace_flags = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/trace_flags.cjs"(exports2) {
    "use strict";
    var TraceFlags = /* @__PURE__ */ (function(TraceFlags2) {
      TraceFlags2[TraceFlags2["NONE"] = 0] = "NONE";
      TraceFlags2[TraceFlags2["SAMPLED"] = 1] = "SAMPLED";
      return TraceFlags2;
    })({});
    exports2.TraceFlags = TraceFlags;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/invalid-span-constants.cjs
var require_invalid_span_constants = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/invalid-span-constants.cjs"(exports2) {
    "use strict";
    require_trace_flags();
    var INVALID_SPANID = "0000000000000000";
    var INVALID_TRACEID = "00000000000000000000000000000000";
    var INVALID_SPAN_CONTEXT = {
      traceId: INVALID_TRACEID,
      spanId: INVALID_SPANID,
      traceFlags: 0
    };
    exports2.INVALID_SPANID = INVALID_SPANID;
    exports2.INVALID_SPAN_CONTEXT = INVALID_SPAN_CONTEXT;
    exports2.INVALID_TRACEID = INVALID_TRACEID;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/NonRecordingSpan.cjs
var require_NonRecordingSpan = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/NonRecordingSpan.cjs"(exports2) {
    "use strict";
    var require_invalid_span_constants2 = require_invalid_span_constants();
    var NonRecordingSpan = class {
      constructor(spanContext = require_invalid_span_constants2.INVALID_SPAN_CONTEXT) {
        this._spanContext = spanContext;
      }
      spanContext() {
        return this._spanContext;
      }
      setAttribute(_key, _value) {
        return this;
      }
      setAttributes(_attributes) {
        return this;
      }
      addEvent(_name, _attributes) {
        return this;
      }
      addLink(_link) {
        return this;
      }
      addLinks(_links) {
        return this;
      }
      setStatus(_status) {
        return this;
      }
      updateName(_name) {
        return this;
      }
      end(_endTime) {
      }
      isRecording() {
        return false;
      }
      recordException(_exception, _time) {
      }
    };
    exports2.NonRecordingSpan = NonRecordingSpan;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/spancontext-utils.cjs
var require_spancontext_utils = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/spancontext-utils.cjs"(exports2) {
    "use strict";
    require_invalid_span_constants();
    var require_NonRecordingSpan2 = require_NonRecordingSpan();
    var isHex = new Uint8Array([
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
      0,
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
      0,
      0,
      0,
      0,
      1,
      1,
      1,
      1,
      1,
      1
    ]);
    function isValidHex(id, length) {
      if (typeof id !== "string" || id.length !== length) return false;
      let r = 0;
      for (let i = 0; i < id.length; i += 4) r += (isHex[id.charCodeAt(i)] | 0) + (isHex[id.charCodeAt(i + 1)] | 0) + (isHex[id.charCodeAt(i + 2)] | 0) + (isHex[id.charCodeAt(i + 3)] | 0);
      return r === length;
    }
    function isValidTraceId(traceId) {
      return isValidHex(traceId, 32) && traceId !== "00000000000000000000000000000000";
    }
    function isValidSpanId(spanId) {
      return isValidHex(spanId, 16) && spanId !== "0000000000000000";
    }
    function isSpanContextValid(spanContext) {
      return isValidTraceId(spanContext.traceId) && isValidSpanId(spanContext.spanId);
    }
    function wrapSpanContext(spanContext) {
      return new require_NonRecordingSpan2.NonRecordingSpan(spanContext);
    }
    exports2.isSpanContextValid = isSpanContextValid;
    exports2.isValidSpanId = isValidSpanId;
    exports2.isValidTraceId = isValidTraceId;
    exports2.wrapSpanContext = wrapSpanContext;
  }
});

// ../node_modules/@opentelemetry/api/dist/context/NoopContextManager.cjs
var require_NoopContextManager = __commonJS({
  "../node_modules/@opentelemetry/api/dist/context/NoopContextManager.cjs"(exports2) {
    "use strict";
    var require_context3 = require_context();
    var NoopContextManager = class {
      active() {
        return require_context3.ROOT_CONTEXT;
      }
      with(_context, fn, thisArg, ...args) {
        return fn.call(thisArg, ...args);
      }
      bind(_context, target) {
        return target;
      }
      enable() {
        return this;
      }
      disable() {
        return this;
      }
      /** @experimental This API is experimental and may change in minor releases without prior notice. */
      attach(_context) {
        return { dispose() {
        } };
      }
    };
    exports2.NoopContextManager = NoopContextManager;
  }
});

// ../node_modules/@opentelemetry/api/dist/api/context.cjs
var require_context2 = __commonJS({
  "../node_modules/@opentelemetry/api/dist/api/context.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_NoopContextManager2 = require_NoopContextManager();
    var API_NAME = "context";
    var NOOP_CONTEXT_MANAGER = new require_NoopContextManager2.NoopContextManager();
    var NOOP_TOKEN = Object.freeze({ dispose: () => {
    } });
    var ContextAPI = class ContextAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this._attachUnsupportedWarned = false;
      }
      /** Get the singleton instance of the Context API */
      static getInstance() {
        if (!this._instance) this._instance = new ContextAPI2();
        return this._instance;
      }
      /**
      * Set the current context manager.
      *
      * @returns true if the context manager was successfully registered, else false
      */
      setGlobalContextManager(contextManager) {
        return require_global_utils2.registerGlobal(API_NAME, contextManager, require_diag2.DiagAPI.instance());
      }
      /**
      * Get the currently active context
      */
      active() {
        return this._getContextManager().active();
      }
      /**
      * Execute a function with an active context
      *
      * @param context context to be active during function execution
      * @param fn function to execute in a context
      * @param thisArg optional receiver to be used for calling fn
      * @param args optional arguments forwarded to fn
      */
      with(context, fn, thisArg, ...args) {
        return this._getContextManager().with(context, fn, thisArg, ...args);
      }
      /**
      * Bind a context to a target function or event emitter
      *
      * @param context context to bind to the event emitter or function. Defaults to the currently active context
      * @param target function or event emitter to bind
      */
      bind(context, target) {
        return this._getContextManager().bind(context, target);
      }
      /**
      * Imperatively sets `context` as active, returning a {@link ContextManagementToken} whose
      * {@link ContextManagementToken.dispose} restores the previous context.
      *
      * This is a delicate, low-level API - prefer {@link with}/{@link bind}, which
      * restore context automatically. Use `attach` only to bridge callback
      * boundaries that `with` cannot wrap. Call `token.dispose()` when the
      * operation is done.
      *
      * **Caveat for async functions:** If called inside an async function before
      * the first `await`, the context change may leak into the caller's context
      * and remain active there. Prefer {@link with} for async code.
      *
      * Support is best-effort and varies by the active ContextManager (see
      * {@link ContextManager.attach}); if it does not implement `attach`, this logs
      * a warning and returns a no-op token.
      *
      * @param context The Context to attach
      * @returns A {@link ContextManagementToken} whose dispose() restores the previous Context
      * @since 1.10.0
      * @experimental This API is experimental and may change in minor releases without prior notice.
      */
      attach(context) {
        const contextManager = this._getContextManager();
        if (contextManager.attach) return contextManager.attach(context);
        if (!this._attachUnsupportedWarned) {
          this._attachUnsupportedWarned = true;
          require_diag2.DiagAPI.instance().warn("The current ContextManager does not implement attach(). The context will not be attached. Use a ContextManager that supports attach() (e.g. AsyncLocalStorageContextManager) or use with()/bind() instead.");
        }
        return NOOP_TOKEN;
      }
      _getContextManager() {
        return require_global_utils2.getGlobal(API_NAME) || NOOP_CONTEXT_MANAGER;
      }
      /** Disable and remove the global context manager */
      disable() {
        this._getContextManager().disable();
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
      }
    };
    exports2.ContextAPI = ContextAPI;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/context-utils.cjs
var require_context_utils = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/context-utils.cjs"(exports2) {
    "use strict";
    var require_context3 = require_context();
    var require_context$1 = require_context2();
    var require_NonRecordingSpan2 = require_NonRecordingSpan();
    var SPAN_KEY = require_context3.createContextKey("OpenTelemetry Context Key SPAN");
    function getSpan(context) {
      return context.getValue(SPAN_KEY) || void 0;
    }
    function getActiveSpan() {
      return getSpan(require_context$1.ContextAPI.getInstance().active());
    }
    function setSpan(context, span) {
      return context.setValue(SPAN_KEY, span);
    }
    function deleteSpan(context) {
      return context.deleteValue(SPAN_KEY);
    }
    function setSpanContext(context, spanContext) {
      return setSpan(context, new require_NonRecordingSpan2.NonRecordingSpan(spanContext));
    }
    function getSpanContext(context) {
      var _getSpan;
      return (_getSpan = getSpan(context)) === null || _getSpan === void 0 ? void 0 : _getSpan.spanContext();
    }
    exports2.deleteSpan = deleteSpan;
    exports2.getActiveSpan = getActiveSpan;
    exports2.getSpan = getSpan;
    exports2.getSpanContext = getSpanContext;
    exports2.setSpan = setSpan;
    exports2.setSpanContext = setSpanContext;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/NoopTracer.cjs
var require_NoopTracer = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/NoopTracer.cjs"(exports2) {
    "use strict";
    var require_context3 = require_context2();
    var require_NonRecordingSpan2 = require_NonRecordingSpan();
    var require_context_utils2 = require_context_utils();
    var require_spancontext_utils2 = require_spancontext_utils();
    var contextApi = require_context3.ContextAPI.getInstance();
    var NoopTracer = class {
      startSpan(name, options, context = contextApi.active()) {
        if (Boolean(options === null || options === void 0 ? void 0 : options.root)) return new require_NonRecordingSpan2.NonRecordingSpan();
        const parentFromContext = context && require_context_utils2.getSpanContext(context);
        if (isSpanContext(parentFromContext) && require_spancontext_utils2.isSpanContextValid(parentFromContext)) return new require_NonRecordingSpan2.NonRecordingSpan(parentFromContext);
        else return new require_NonRecordingSpan2.NonRecordingSpan();
      }
      startActiveSpan(name, arg2, arg3, arg4) {
        var _ctx;
        let opts;
        let ctx;
        let fn;
        if (arguments.length < 2) return;
        else if (arguments.length === 2) fn = arg2;
        else if (arguments.length === 3) {
          opts = arg2;
          fn = arg3;
        } else {
          opts = arg2;
          ctx = arg3;
          fn = arg4;
        }
        const parentContext = (_ctx = ctx) !== null && _ctx !== void 0 ? _ctx : contextApi.active();
        const span = this.startSpan(name, opts, parentContext);
        const contextWithSpanSet = require_context_utils2.setSpan(parentContext, span);
        return contextApi.with(contextWithSpanSet, fn, void 0, span);
      }
    };
    function isSpanContext(spanContext) {
      return spanContext !== null && typeof spanContext === "object" && "spanId" in spanContext && typeof spanContext["spanId"] === "string" && "traceId" in spanContext && typeof spanContext["traceId"] === "string" && "traceFlags" in spanContext && typeof spanContext["traceFlags"] === "number";
    }
    exports2.NoopTracer = NoopTracer;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/ProxyTracer.cjs
var require_ProxyTracer = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/ProxyTracer.cjs"(exports2) {
    "use strict";
    var NOOP_TRACER = new (require_NoopTracer()).NoopTracer();
    var ProxyTracer = class {
      constructor(provider, name, version2, options) {
        this._provider = provider;
        this.name = name;
        this.version = version2;
        this.options = options;
      }
      startSpan(name, options, context) {
        return this._getTracer().startSpan(name, options, context);
      }
      startActiveSpan(_name, _options, _context, _fn) {
        const tracer = this._getTracer();
        return Reflect.apply(tracer.startActiveSpan, tracer, arguments);
      }
      /**
      * Try to get a tracer from the proxy tracer provider.
      * If the proxy tracer provider has no delegate, return a noop tracer.
      */
      _getTracer() {
        if (this._delegate) return this._delegate;
        const tracer = this._provider.getDelegateTracer(this.name, this.version, this.options);
        if (!tracer) return NOOP_TRACER;
        this._delegate = tracer;
        return this._delegate;
      }
    };
    exports2.ProxyTracer = ProxyTracer;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/span_kind.cjs
var require_span_kind = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/span_kind.cjs"(exports2) {
    "use strict";
    var SpanKind = /* @__PURE__ */ (function(SpanKind2) {
      SpanKind2[SpanKind2["INTERNAL"] = 0] = "INTERNAL";
      SpanKind2[SpanKind2["SERVER"] = 1] = "SERVER";
      SpanKind2[SpanKind2["CLIENT"] = 2] = "CLIENT";
      SpanKind2[SpanKind2["PRODUCER"] = 3] = "PRODUCER";
      SpanKind2[SpanKind2["CONSUMER"] = 4] = "CONSUMER";
      return SpanKind2;
    })({});
    exports2.SpanKind = SpanKind;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/status.cjs
var require_status = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/status.cjs"(exports2) {
    "use strict";
    var SpanStatusCode = /* @__PURE__ */ (function(SpanStatusCode2) {
      SpanStatusCode2[SpanStatusCode2["UNSET"] = 0] = "UNSET";
      SpanStatusCode2[SpanStatusCode2["OK"] = 1] = "OK";
      SpanStatusCode2[SpanStatusCode2["ERROR"] = 2] = "ERROR";
      return SpanStatusCode2;
    })({});
    exports2.SpanStatusCode = SpanStatusCode;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/internal/tracestate-validators.cjs
var require_tracestate_validators = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/internal/tracestate-validators.cjs"(exports2) {
    "use strict";
    var VALID_KEY_CHAR_RANGE = "[_0-9a-z-*/]";
    var VALID_KEY_REGEX = new RegExp(`^(?:${`[a-z]${VALID_KEY_CHAR_RANGE}{0,255}`}|${`[a-z0-9]${VALID_KEY_CHAR_RANGE}{0,240}@[a-z]${VALID_KEY_CHAR_RANGE}{0,13}`})$`);
    var VALID_VALUE_BASE_REGEX = /^[ -~]{0,255}[!-~]$/;
    var INVALID_VALUE_COMMA_EQUAL_REGEX = /,|=/;
    function validateKey(key) {
      return VALID_KEY_REGEX.test(key);
    }
    function validateValue(value) {
      return VALID_VALUE_BASE_REGEX.test(value) && !INVALID_VALUE_COMMA_EQUAL_REGEX.test(value);
    }
    exports2.validateKey = validateKey;
    exports2.validateValue = validateValue;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/internal/tracestate-impl.cjs
var require_tracestate_impl = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/internal/tracestate-impl.cjs"(exports2) {
    "use strict";
    var require_tracestate_validators2 = require_tracestate_validators();
    var MAX_TRACE_STATE_ITEMS = 32;
    var MAX_TRACE_STATE_LEN = 512;
    var LIST_MEMBERS_SEPARATOR = ",";
    var LIST_MEMBER_KEY_VALUE_SPLITTER = "=";
    var TraceStateImpl = class TraceStateImpl2 {
      constructor(rawTraceState) {
        this._internalState = /* @__PURE__ */ new Map();
        if (rawTraceState) this._parse(rawTraceState);
      }
      set(key, value) {
        const currValue = this._internalState.get(key);
        let newLength = this.serialize().length;
        if (typeof currValue === "string") newLength += value.length - currValue.length;
        else {
          if (this._internalState.size >= MAX_TRACE_STATE_ITEMS) return this;
          newLength += key.length + value.length + (this._internalState.size > 0 ? 2 : 1);
        }
        if (newLength > MAX_TRACE_STATE_LEN) return this;
        const traceState = this._clone();
        if (traceState._internalState.has(key)) traceState._internalState.delete(key);
        traceState._internalState.set(key, value);
        return traceState;
      }
      unset(key) {
        const traceState = this._clone();
        traceState._internalState.delete(key);
        return traceState;
      }
      get(key) {
        return this._internalState.get(key);
      }
      serialize() {
        return Array.from(this._internalState.keys()).reduceRight((agg, key) => {
          agg.push(key + LIST_MEMBER_KEY_VALUE_SPLITTER + this.get(key));
          return agg;
        }, []).join(LIST_MEMBERS_SEPARATOR);
      }
      _parse(rawTraceState) {
        if (rawTraceState.length > MAX_TRACE_STATE_LEN) return;
        this._internalState = rawTraceState.split(LIST_MEMBERS_SEPARATOR).reduceRight((agg, part) => {
          const listMember = part.trim();
          const i = listMember.indexOf(LIST_MEMBER_KEY_VALUE_SPLITTER);
          if (i !== -1) {
            const key = listMember.slice(0, i);
            const value = listMember.slice(i + 1, part.length);
            if (require_tracestate_validators2.validateKey(key) && require_tracestate_validators2.validateValue(value)) agg.set(key, value);
          }
          return agg;
        }, /* @__PURE__ */ new Map());
        if (this._internalState.size > MAX_TRACE_STATE_ITEMS) this._internalState = new Map(Array.from(this._internalState.entries()).reverse().slice(0, MAX_TRACE_STATE_ITEMS));
      }
      _keys() {
        return Array.from(this._internalState.keys()).reverse();
      }
      _clone() {
        const traceState = new TraceStateImpl2();
        traceState._internalState = new Map(this._internalState);
        return traceState;
      }
    };
    exports2.TraceStateImpl = TraceStateImpl;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/internal/utils.cjs
var require_utils2 = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/internal/utils.cjs"(exports2) {
    "use strict";
    var require_tracestate_impl2 = require_tracestate_impl();
    function createTraceState(rawTraceState) {
      return new require_tracestate_impl2.TraceStateImpl(rawTraceState);
    }
    exports2.createTraceState = createTraceState;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/NoopTracerProvider.cjs
var require_NoopTracerProvider = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/NoopTracerProvider.cjs"(exports2) {
    "use strict";
    var require_NoopTracer2 = require_NoopTracer();
    var NoopTracerProvider = class {
      getTracer(_name, _version, _options) {
        return new require_NoopTracer2.NoopTracer();
      }
    };
    exports2.NoopTracerProvider = NoopTracerProvider;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/ProxyTracerProvider.cjs
var require_ProxyTracerProvider = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/ProxyTracerProvider.cjs"(exports2) {
    "use strict";
    var require_ProxyTracer2 = require_ProxyTracer();
    var NOOP_TRACER_PROVIDER = new (require_NoopTracerProvider()).NoopTracerProvider();
    var ProxyTracerProvider = class {
      /**
      * Get a {@link ProxyTracer}
      */
      getTracer(name, version2, options) {
        var _this$getDelegateTrac;
        return (_this$getDelegateTrac = this.getDelegateTracer(name, version2, options)) !== null && _this$getDelegateTrac !== void 0 ? _this$getDelegateTrac : new require_ProxyTracer2.ProxyTracer(this, name, version2, options);
      }
      getDelegate() {
        var _this$_delegate;
        return (_this$_delegate = this._delegate) !== null && _this$_delegate !== void 0 ? _this$_delegate : NOOP_TRACER_PROVIDER;
      }
      /**
      * Set the delegate tracer provider
      */
      setDelegate(delegate) {
        this._delegate = delegate;
      }
      getDelegateTracer(name, version2, options) {
        var _this$_delegate2;
        return (_this$_delegate2 = this._delegate) === null || _this$_delegate2 === void 0 ? void 0 : _this$_delegate2.getTracer(name, version2, options);
      }
    };
    exports2.ProxyTracerProvider = ProxyTracerProvider;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace/SamplingResult.cjs
var require_SamplingResult = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace/SamplingResult.cjs"(exports2) {
    "use strict";
    var SamplingDecision = /* @__PURE__ */ (function(SamplingDecision2) {
      SamplingDecision2[SamplingDecision2["NOT_RECORD"] = 0] = "NOT_RECORD";
      SamplingDecision2[SamplingDecision2["RECORD"] = 1] = "RECORD";
      SamplingDecision2[SamplingDecision2["RECORD_AND_SAMPLED"] = 2] = "RECORD_AND_SAMPLED";
      return SamplingDecision2;
    })({});
    exports2.SamplingDecision = SamplingDecision;
  }
});

// ../node_modules/@opentelemetry/api/dist/context-api.cjs
var require_context_api = __commonJS({
  "../node_modules/@opentelemetry/api/dist/context-api.cjs"(exports2) {
    "use strict";
    var context = require_context2().ContextAPI.getInstance();
    exports2.context = context;
  }
});

// ../node_modules/@opentelemetry/api/dist/diag-api.cjs
var require_diag_api = __commonJS({
  "../node_modules/@opentelemetry/api/dist/diag-api.cjs"(exports2) {
    "use strict";
    var diag = require_diag().DiagAPI.instance();
    exports2.diag = diag;
  }
});

// ../node_modules/@opentelemetry/api/dist/logs/NoopLoggerProvider.cjs
var require_NoopLoggerProvider = __commonJS({
  "../node_modules/@opentelemetry/api/dist/logs/NoopLoggerProvider.cjs"(exports2) {
    "use strict";
    var require_NoopLogger2 = require_NoopLogger();
    var NoopLoggerProvider = class {
      getLogger(_name, _version, _options) {
        return new require_NoopLogger2.NoopLogger();
      }
    };
    var NOOP_LOGGER_PROVIDER = new NoopLoggerProvider();
    exports2.NOOP_LOGGER_PROVIDER = NOOP_LOGGER_PROVIDER;
    exports2.NoopLoggerProvider = NoopLoggerProvider;
  }
});

// ../node_modules/@opentelemetry/api/dist/logs/ProxyLogger.cjs
var require_ProxyLogger = __commonJS({
  "../node_modules/@opentelemetry/api/dist/logs/ProxyLogger.cjs"(exports2) {
    "use strict";
    var require_NoopLogger2 = require_NoopLogger();
    var ProxyLogger = class {
      constructor(provider, name, version2, options) {
        this._provider = provider;
        this.name = name;
        this.version = version2;
        this.options = options;
      }
      /**
      * Emit a log record. This method should only be used by log appenders.
      *
      * @param logRecord
      */
      emit(logRecord) {
        this._getLogger().emit(logRecord);
      }
      enabled(options) {
        return this._getLogger().enabled(options);
      }
      /**
      * Try to get a logger from the proxy logger provider.
      * If the proxy logger provider has no delegate, return a noop logger.
      */
      _getLogger() {
        if (this._delegate) return this._delegate;
        const logger = this._provider._getDelegateLogger(this.name, this.version, this.options);
        if (!logger) return require_NoopLogger2.NOOP_LOGGER;
        this._delegate = logger;
        return this._delegate;
      }
    };
    exports2.ProxyLogger = ProxyLogger;
  }
});

// ../node_modules/@opentelemetry/api/dist/logs/ProxyLoggerProvider.cjs
var require_ProxyLoggerProvider = __commonJS({
  "../node_modules/@opentelemetry/api/dist/logs/ProxyLoggerProvider.cjs"(exports2) {
    "use strict";
    var require_NoopLoggerProvider2 = require_NoopLoggerProvider();
    var require_ProxyLogger2 = require_ProxyLogger();
    var ProxyLoggerProvider = class {
      getLogger(name, version2, options) {
        var _this$_getDelegateLog;
        return (_this$_getDelegateLog = this._getDelegateLogger(name, version2, options)) !== null && _this$_getDelegateLog !== void 0 ? _this$_getDelegateLog : new require_ProxyLogger2.ProxyLogger(this, name, version2, options);
      }
      /**
      * Get the delegate logger provider.
      * Used by tests only.
      * @internal
      */
      _getDelegate() {
        var _this$_delegate;
        return (_this$_delegate = this._delegate) !== null && _this$_delegate !== void 0 ? _this$_delegate : require_NoopLoggerProvider2.NOOP_LOGGER_PROVIDER;
      }
      /**
      * Set the delegate logger provider
      * @internal
      */
      _setDelegate(delegate) {
        this._delegate = delegate;
      }
      /**
      * @internal
      */
      _getDelegateLogger(name, version2, options) {
        var _this$_delegate2;
        return (_this$_delegate2 = this._delegate) === null || _this$_delegate2 === void 0 ? void 0 : _this$_delegate2.getLogger(name, version2, options);
      }
    };
    exports2.ProxyLoggerProvider = ProxyLoggerProvider;
  }
});

// ../node_modules/@opentelemetry/api/dist/api/logs.cjs
var require_logs = __commonJS({
  "../node_modules/@opentelemetry/api/dist/api/logs.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_ProxyLoggerProvider2 = require_ProxyLoggerProvider();
    var API_NAME = "logs";
    var LogsAPI = class LogsAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this._proxyLoggerProvider = new require_ProxyLoggerProvider2.ProxyLoggerProvider();
      }
      /** Get the singleton instance of the Logs API */
      static getInstance() {
        if (!this._instance) this._instance = new LogsAPI2();
        return this._instance;
      }
      setGlobalLoggerProvider(provider) {
        const success = require_global_utils2.registerGlobal(API_NAME, provider, require_diag2.DiagAPI.instance());
        if (success) this._proxyLoggerProvider._setDelegate(provider);
        return success;
      }
      /**
      * Returns the global logger provider.
      *
      * @returns LoggerProvider
      */
      getLoggerProvider() {
        return require_global_utils2.getGlobal(API_NAME) || this._proxyLoggerProvider;
      }
      /**
      * Returns a Logger, creating one if one with the given name, version,
      * schemaUrl, and attributes is not already created.
      *
      * Getting a Logger may be expensive, especially when `attributes` are
      * provided. Reuse Logger instances where possible instead of calling
      * `getLogger()` on hot paths.
      *
      * @param name The name of the logger or instrumentation library.
      * @param version The version of the logger or instrumentation library.
      * @param options The options of the logger or instrumentation library.
      * @returns {@link Logger}
      */
      getLogger(name, version2, options) {
        return this.getLoggerProvider().getLogger(name, version2, options);
      }
      /** Remove the global logger provider */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
        this._proxyLoggerProvider = new require_ProxyLoggerProvider2.ProxyLoggerProvider();
      }
    };
    exports2.LogsAPI = LogsAPI;
  }
});

// ../node_modules/@opentelemetry/api/dist/logs-api.cjs
var require_logs_api = __commonJS({
  "../node_modules/@opentelemetry/api/dist/logs-api.cjs"(exports2) {
    "use strict";
    var logs = require_logs().LogsAPI.getInstance();
    exports2.logs = logs;
  }
});

// ../node_modules/@opentelemetry/api/dist/metrics/NoopMeterProvider.cjs
var require_NoopMeterProvider = __commonJS({
  "../node_modules/@opentelemetry/api/dist/metrics/NoopMeterProvider.cjs"(exports2) {
    "use strict";
    var require_NoopMeter2 = require_NoopMeter();
    var NoopMeterProvider = class {
      getMeter(_name, _version, _options) {
        return require_NoopMeter2.NOOP_METER;
      }
    };
    var NOOP_METER_PROVIDER = new NoopMeterProvider();
    exports2.NOOP_METER_PROVIDER = NOOP_METER_PROVIDER;
    exports2.NoopMeterProvider = NoopMeterProvider;
  }
});

// ../node_modules/@opentelemetry/api/dist/api/metrics.cjs
var require_metrics = __commonJS({
  "../node_modules/@opentelemetry/api/dist/api/metrics.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_NoopMeterProvider2 = require_NoopMeterProvider();
    var API_NAME = "metrics";
    var MetricsAPI = class MetricsAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
      }
      /** Get the singleton instance of the Metrics API */
      static getInstance() {
        if (!this._instance) this._instance = new MetricsAPI2();
        return this._instance;
      }
      /**
      * Set the current global meter provider.
      * Returns true if the meter provider was successfully registered, else false.
      */
      setGlobalMeterProvider(provider) {
        return require_global_utils2.registerGlobal(API_NAME, provider, require_diag2.DiagAPI.instance());
      }
      /**
      * Returns the global meter provider.
      */
      getMeterProvider() {
        return require_global_utils2.getGlobal(API_NAME) || require_NoopMeterProvider2.NOOP_METER_PROVIDER;
      }
      /**
      * Returns a meter from the global meter provider.
      */
      getMeter(name, version2, options) {
        return this.getMeterProvider().getMeter(name, version2, options);
      }
      /** Remove the global meter provider */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
      }
    };
    exports2.MetricsAPI = MetricsAPI;
  }
});

// ../node_modules/@opentelemetry/api/dist/metrics-api.cjs
var require_metrics_api = __commonJS({
  "../node_modules/@opentelemetry/api/dist/metrics-api.cjs"(exports2) {
    "use strict";
    var metrics = require_metrics().MetricsAPI.getInstance();
    exports2.metrics = metrics;
  }
});

// ../node_modules/@opentelemetry/api/dist/propagation/NoopTextMapPropagator.cjs
var require_NoopTextMapPropagator = __commonJS({
  "../node_modules/@opentelemetry/api/dist/propagation/NoopTextMapPropagator.cjs"(exports2) {
    "use strict";
    var NoopTextMapPropagator = class {
      /** Noop inject function does nothing */
      inject(_context, _carrier) {
      }
      /** Noop extract function does nothing and returns the input context */
      extract(context, _carrier) {
        return context;
      }
      fields() {
        return [];
      }
    };
    exports2.NoopTextMapPropagator = NoopTextMapPropagator;
  }
});

// ../node_modules/@opentelemetry/api/dist/baggage/context-helpers.cjs
var require_context_helpers = __commonJS({
  "../node_modules/@opentelemetry/api/dist/baggage/context-helpers.cjs"(exports2) {
    "use strict";
    var require_context3 = require_context();
    var require_context$1 = require_context2();
    var BAGGAGE_KEY = require_context3.createContextKey("OpenTelemetry Baggage Key");
    function getBaggage(context) {
      return context.getValue(BAGGAGE_KEY) || void 0;
    }
    function getActiveBaggage() {
      return getBaggage(require_context$1.ContextAPI.getInstance().active());
    }
    function setBaggage(context, baggage) {
      return context.setValue(BAGGAGE_KEY, baggage);
    }
    function deleteBaggage(context) {
      return context.deleteValue(BAGGAGE_KEY);
    }
    exports2.deleteBaggage = deleteBaggage;
    exports2.getActiveBaggage = getActiveBaggage;
    exports2.getBaggage = getBaggage;
    exports2.setBaggage = setBaggage;
  }
});

// ../node_modules/@opentelemetry/api/dist/api/propagation.cjs
var require_propagation = __commonJS({
  "../node_modules/@opentelemetry/api/dist/api/propagation.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_utils5 = require_utils();
    var require_TextMapPropagator2 = require_TextMapPropagator();
    var require_NoopTextMapPropagator2 = require_NoopTextMapPropagator();
    var require_context_helpers2 = require_context_helpers();
    var API_NAME = "propagation";
    var NOOP_TEXT_MAP_PROPAGATOR = new require_NoopTextMapPropagator2.NoopTextMapPropagator();
    var PropagationAPI = class PropagationAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this.createBaggage = require_utils5.createBaggage;
        this.getBaggage = require_context_helpers2.getBaggage;
        this.getActiveBaggage = require_context_helpers2.getActiveBaggage;
        this.setBaggage = require_context_helpers2.setBaggage;
        this.deleteBaggage = require_context_helpers2.deleteBaggage;
      }
      /** Get the singleton instance of the Propagator API */
      static getInstance() {
        if (!this._instance) this._instance = new PropagationAPI2();
        return this._instance;
      }
      /**
      * Set the current propagator.
      *
      * @returns true if the propagator was successfully registered, else false
      */
      setGlobalPropagator(propagator) {
        return require_global_utils2.registerGlobal(API_NAME, propagator, require_diag2.DiagAPI.instance());
      }
      /**
      * Inject context into a carrier to be propagated inter-process
      *
      * @param context Context carrying tracing data to inject
      * @param carrier carrier to inject context into
      * @param setter Function used to set values on the carrier
      */
      inject(context, carrier, setter = require_TextMapPropagator2.defaultTextMapSetter) {
        return this._getGlobalPropagator().inject(context, carrier, setter);
      }
      /**
      * Extract context from a carrier
      *
      * @param context Context which the newly created context will inherit from
      * @param carrier Carrier to extract context from
      * @param getter Function used to extract keys from a carrier
      */
      extract(context, carrier, getter = require_TextMapPropagator2.defaultTextMapGetter) {
        return this._getGlobalPropagator().extract(context, carrier, getter);
      }
      /**
      * Return a list of all fields which may be used by the propagator.
      */
      fields() {
        return this._getGlobalPropagator().fields();
      }
      /** Remove the global propagator */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
      }
      _getGlobalPropagator() {
        return require_global_utils2.getGlobal(API_NAME) || NOOP_TEXT_MAP_PROPAGATOR;
      }
    };
    exports2.PropagationAPI = PropagationAPI;
  }
});

// ../node_modules/@opentelemetry/api/dist/propagation-api.cjs
var require_propagation_api = __commonJS({
  "../node_modules/@opentelemetry/api/dist/propagation-api.cjs"(exports2) {
    "use strict";
    var propagation = require_propagation().PropagationAPI.getInstance();
    exports2.propagation = propagation;
  }
});

// ../node_modules/@opentelemetry/api/dist/api/trace.cjs
var require_trace = __commonJS({
  "../node_modules/@opentelemetry/api/dist/api/trace.cjs"(exports2) {
    "use strict";
    var require_global_utils2 = require_global_utils();
    var require_diag2 = require_diag();
    var require_context_utils2 = require_context_utils();
    var require_spancontext_utils2 = require_spancontext_utils();
    var require_ProxyTracerProvider2 = require_ProxyTracerProvider();
    var API_NAME = "trace";
    var TraceAPI = class TraceAPI2 {
      /** Empty private constructor prevents end users from constructing a new instance of the API */
      constructor() {
        this._proxyTracerProvider = new require_ProxyTracerProvider2.ProxyTracerProvider();
        this.wrapSpanContext = require_spancontext_utils2.wrapSpanContext;
        this.isSpanContextValid = require_spancontext_utils2.isSpanContextValid;
        this.deleteSpan = require_context_utils2.deleteSpan;
        this.getSpan = require_context_utils2.getSpan;
        this.getActiveSpan = require_context_utils2.getActiveSpan;
        this.getSpanContext = require_context_utils2.getSpanContext;
        this.setSpan = require_context_utils2.setSpan;
        this.setSpanContext = require_context_utils2.setSpanContext;
      }
      /** Get the singleton instance of the Trace API */
      static getInstance() {
        if (!this._instance) this._instance = new TraceAPI2();
        return this._instance;
      }
      /**
      * Set the current global tracer.
      *
      * @returns true if the tracer provider was successfully registered, else false
      */
      setGlobalTracerProvider(provider) {
        const success = require_global_utils2.registerGlobal(API_NAME, this._proxyTracerProvider, require_diag2.DiagAPI.instance());
        if (success) this._proxyTracerProvider.setDelegate(provider);
        return success;
      }
      /**
      * Returns the global tracer provider.
      */
      getTracerProvider() {
        return require_global_utils2.getGlobal(API_NAME) || this._proxyTracerProvider;
      }
      /**
      * Returns a tracer from the global tracer provider.
      */
      getTracer(name, version2) {
        return this.getTracerProvider().getTracer(name, version2);
      }
      /** Remove the global tracer provider */
      disable() {
        require_global_utils2.unregisterGlobal(API_NAME, require_diag2.DiagAPI.instance());
        this._proxyTracerProvider = new require_ProxyTracerProvider2.ProxyTracerProvider();
      }
    };
    exports2.TraceAPI = TraceAPI;
  }
});

// ../node_modules/@opentelemetry/api/dist/trace-api.cjs
var require_trace_api = __commonJS({
  "../node_modules/@opentelemetry/api/dist/trace-api.cjs"(exports2) {
    "use strict";
    var trace = require_trace().TraceAPI.getInstance();
    exports2.trace = trace;
  }
});

// ../node_modules/@opentelemetry/api/dist/index.cjs
var require_dist = __commonJS({
  "../node_modules/@opentelemetry/api/dist/index.cjs"(exports2) {
    "use strict";
    Object.defineProperties(exports2, {
      __esModule: { value: true },
      [Symbol.toStringTag]: { value: "Module" }
    });
    var require_types2 = require_types();
    var require_utils5 = require_utils();
    var require_context3 = require_context();
    var require_consoleLogger2 = require_consoleLogger();
    var require_NoopMeter2 = require_NoopMeter();
    var require_Metric2 = require_Metric();
    var require_NoopLogger2 = require_NoopLogger();
    var require_LogRecord2 = require_LogRecord();
    var require_TextMapPropagator2 = require_TextMapPropagator();
    var require_trace_flags2 = require_trace_flags();
    var require_invalid_span_constants2 = require_invalid_span_constants();
    var require_spancontext_utils2 = require_spancontext_utils();
    var require_ProxyTracer2 = require_ProxyTracer();
    var require_span_kind2 = require_span_kind();
    var require_status2 = require_status();
    var require_utils$1 = require_utils2();
    var require_ProxyTracerProvider2 = require_ProxyTracerProvider();
    var require_SamplingResult2 = require_SamplingResult();
    var require_context_api2 = require_context_api();
    var require_diag_api2 = require_diag_api();
    var require_logs_api2 = require_logs_api();
    var require_metrics_api2 = require_metrics_api();
    var require_propagation_api2 = require_propagation_api();
    var require_trace_api2 = require_trace_api();
    var src_default = {
      context: require_context_api2.context,
      diag: require_diag_api2.diag,
      logs: require_logs_api2.logs,
      metrics: require_metrics_api2.metrics,
      propagation: require_propagation_api2.propagation,
      trace: require_trace_api2.trace
    };
    exports2.DiagConsoleLogger = require_consoleLogger2.DiagConsoleLogger;
    exports2.DiagLogLevel = require_types2.DiagLogLevel;
    exports2.INVALID_SPANID = require_invalid_span_constants2.INVALID_SPANID;
    exports2.INVALID_SPAN_CONTEXT = require_invalid_span_constants2.INVALID_SPAN_CONTEXT;
    exports2.INVALID_TRACEID = require_invalid_span_constants2.INVALID_TRACEID;
    exports2.ProxyTracer = require_ProxyTracer2.ProxyTracer;
    exports2.ProxyTracerProvider = require_ProxyTracerProvider2.ProxyTracerProvider;
    exports2.ROOT_CONTEXT = require_context3.ROOT_CONTEXT;
    exports2.SamplingDecision = require_SamplingResult2.SamplingDecision;
    exports2.SeverityNumber = require_LogRecord2.SeverityNumber;
    exports2.SpanKind = require_span_kind2.SpanKind;
    exports2.SpanStatusCode = require_status2.SpanStatusCode;
    exports2.TraceFlags = require_trace_flags2.TraceFlags;
    exports2.ValueType = require_Metric2.ValueType;
    exports2.baggageEntryMetadataFromString = require_utils5.baggageEntryMetadataFromString;
    exports2.context = require_context_api2.context;
    exports2.createContextKey = require_context3.createContextKey;
    exports2.createNoopLogger = require_NoopLogger2.createNoopLogger;
    exports2.createNoopMeter = require_NoopMeter2.createNoopMeter;
    exports2.createTraceState = require_utils$1.createTraceState;
    exports2.default = src_default;
    exports2.defaultTextMapGetter = require_TextMapPropagator2.defaultTextMapGetter;
    exports2.defaultTextMapSetter = require_TextMapPropagator2.defaultTextMapSetter;
    exports2.diag = require_diag_api2.diag;
    exports2.isSpanContextValid = require_spancontext_utils2.isSpanContextValid;
    exports2.isValidSpanId = require_spancontext_utils2.isValidSpanId;
    exports2.isValidTraceId = require_spancontext_utils2.isValidTraceId;
    exports2.logs = require_logs_api2.logs;
    exports2.metrics = require_metrics_api2.metrics;
    exports2.propagation = require_propagation_api2.propagation;
    exports2.trace = require_trace_api2.trace;
  }
});

// ../node_modules/prom-client/lib/metrics/processCpuTotal.js
var require_processCpuTotal = __commonJS({
  "../node_modules/prom-client/lib/metrics/processCpuTotal.js"(exports2, module2) {
    "use strict";
    var OtelApi = require_dist();
    var Counter2 = require_counter();
    var PROCESS_CPU_USER_SECONDS = "process_cpu_user_seconds_total";
    var PROCESS_CPU_SYSTEM_SECONDS = "process_cpu_system_seconds_total";
    var PROCESS_CPU_SECONDS = "process_cpu_seconds_total";
    module2.exports = (registry, config = {}) => {
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const exemplars = config.enableExemplars ? config.enableExemplars : false;
      const labelNames = Object.keys(labels2);
      let lastCpuUsage = process.cpuUsage();
      const cpuUserUsageCounter = new Counter2({
        name: namePrefix + PROCESS_CPU_USER_SECONDS,
        help: "Total user CPU time spent in seconds.",
        enableExemplars: exemplars,
        registers,
        labelNames,
        // Use this one metric's `collect` to set all metrics' values.
        collect() {
          const cpuUsage = process.cpuUsage();
          const userUsageMicros = cpuUsage.user - lastCpuUsage.user;
          const systemUsageMicros = cpuUsage.system - lastCpuUsage.system;
          lastCpuUsage = cpuUsage;
          if (this.enableExemplars) {
            let exemplarLabels = {};
            const currentSpan = OtelApi.trace.getSpan(OtelApi.context.active());
            if (currentSpan) {
              exemplarLabels = {
                traceId: currentSpan.spanContext().traceId,
                spanId: currentSpan.spanContext().spanId
              };
            }
            cpuUserUsageCounter.inc({
              labels: labels2,
              value: userUsageMicros / 1e6,
              exemplarLabels
            });
            cpuSystemUsageCounter.inc({
              labels: labels2,
              value: systemUsageMicros / 1e6,
              exemplarLabels
            });
            cpuUsageCounter.inc({
              labels: labels2,
              value: (userUsageMicros + systemUsageMicros) / 1e6,
              exemplarLabels
            });
          } else {
            cpuUserUsageCounter.inc(labels2, userUsageMicros / 1e6);
            cpuSystemUsageCounter.inc(labels2, systemUsageMicros / 1e6);
            cpuUsageCounter.inc(
              labels2,
              (userUsageMicros + systemUsageMicros) / 1e6
            );
          }
        }
      });
      const cpuSystemUsageCounter = new Counter2({
        name: namePrefix + PROCESS_CPU_SYSTEM_SECONDS,
        help: "Total system CPU time spent in seconds.",
        enableExemplars: exemplars,
        registers,
        labelNames
      });
      const cpuUsageCounter = new Counter2({
        name: namePrefix + PROCESS_CPU_SECONDS,
        help: "Total user and system CPU time spent in seconds.",
        enableExemplars: exemplars,
        registers,
        labelNames
      });
    };
    module2.exports.metricNames = [
      PROCESS_CPU_USER_SECONDS,
      PROCESS_CPU_SYSTEM_SECONDS,
      PROCESS_CPU_SECONDS
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/processStartTime.js
var require_processStartTime = __commonJS({
  "../node_modules/prom-client/lib/metrics/processStartTime.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var startInSeconds = Math.round(Date.now() / 1e3 - process.uptime());
    var PROCESS_START_TIME = "process_start_time_seconds";
    module2.exports = (registry, config = {}) => {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + PROCESS_START_TIME,
        help: "Start time of the process since unix epoch in seconds.",
        registers: registry ? [registry] : void 0,
        labelNames,
        aggregator: "omit",
        collect() {
          this.set(labels2, startInSeconds);
        }
      });
    };
    module2.exports.metricNames = [PROCESS_START_TIME];
  }
});

// ../node_modules/prom-client/lib/metrics/osMemoryHeapLinux.js
var require_osMemoryHeapLinux = __commonJS({
  "../node_modules/prom-client/lib/metrics/osMemoryHeapLinux.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var fs = require("fs");
    var values = ["VmSize", "VmRSS", "VmData"];
    var PROCESS_RESIDENT_MEMORY = "process_resident_memory_bytes";
    var PROCESS_VIRTUAL_MEMORY = "process_virtual_memory_bytes";
    var PROCESS_HEAP = "process_heap_bytes";
    function structureOutput(input) {
      return input.split("\n").reduce((acc, string) => {
        if (!values.some((value2) => string.startsWith(value2))) {
          return acc;
        }
        const split = string.split(":");
        let value = split[1].trim();
        value = value.substr(0, value.length - 3);
        value = Number(value) * 1024;
        acc[split[0]] = value;
        return acc;
      }, {});
    }
    module2.exports = (registry, config = {}) => {
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      const residentMemGauge = new Gauge2({
        name: namePrefix + PROCESS_RESIDENT_MEMORY,
        help: "Resident memory size in bytes.",
        registers,
        labelNames,
        // Use this one metric's `collect` to set all metrics' values.
        collect() {
          try {
            const stat = fs.readFileSync("/proc/self/status", "utf8");
            const structuredOutput = structureOutput(stat);
            residentMemGauge.set(labels2, structuredOutput.VmRSS);
            virtualMemGauge.set(labels2, structuredOutput.VmSize);
            heapSizeMemGauge.set(labels2, structuredOutput.VmData);
          } catch {
          }
        }
      });
      const virtualMemGauge = new Gauge2({
        name: namePrefix + PROCESS_VIRTUAL_MEMORY,
        help: "Virtual memory size in bytes.",
        registers,
        labelNames
      });
      const heapSizeMemGauge = new Gauge2({
        name: namePrefix + PROCESS_HEAP,
        help: "Process heap size in bytes.",
        registers,
        labelNames
      });
    };
    module2.exports.metricNames = [
      PROCESS_RESIDENT_MEMORY,
      PROCESS_VIRTUAL_MEMORY,
      PROCESS_HEAP
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/helpers/safeMemoryUsage.js
var require_safeMemoryUsage = __commonJS({
  "../node_modules/prom-client/lib/metrics/helpers/safeMemoryUsage.js"(exports2, module2) {
    "use strict";
    function safeMemoryUsage() {
      try {
        return process.memoryUsage();
      } catch {
        return;
      }
    }
    module2.exports = safeMemoryUsage;
  }
});

// ../node_modules/prom-client/lib/metrics/osMemoryHeap.js
var require_osMemoryHeap = __commonJS({
  "../node_modules/prom-client/lib/metrics/osMemoryHeap.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var linuxVariant = require_osMemoryHeapLinux();
    var safeMemoryUsage = require_safeMemoryUsage();
    var PROCESS_RESIDENT_MEMORY = "process_resident_memory_bytes";
    function notLinuxVariant(registry, config = {}) {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + PROCESS_RESIDENT_MEMORY,
        help: "Resident memory size in bytes.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          const memUsage = safeMemoryUsage();
          if (memUsage) {
            this.set(labels2, memUsage.rss);
          }
        }
      });
    }
    module2.exports = (registry, config) => process.platform === "linux" ? linuxVariant(registry, config) : notLinuxVariant(registry, config);
    module2.exports.metricNames = process.platform === "linux" ? linuxVariant.metricNames : [PROCESS_RESIDENT_MEMORY];
  }
});

// ../node_modules/prom-client/lib/metrics/processOpenFileDescriptors.js
var require_processOpenFileDescriptors = __commonJS({
  "../node_modules/prom-client/lib/metrics/processOpenFileDescriptors.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var fs = require("fs");
    var process2 = require("process");
    var PROCESS_OPEN_FDS = "process_open_fds";
    module2.exports = (registry, config = {}) => {
      if (process2.platform !== "linux") {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + PROCESS_OPEN_FDS,
        help: "Number of open file descriptors.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          try {
            const fds = fs.readdirSync("/proc/self/fd");
            this.set(labels2, fds.length - 1);
          } catch {
          }
        }
      });
    };
    module2.exports.metricNames = [PROCESS_OPEN_FDS];
  }
});

// ../node_modules/prom-client/lib/metrics/processMaxFileDescriptors.js
var require_processMaxFileDescriptors = __commonJS({
  "../node_modules/prom-client/lib/metrics/processMaxFileDescriptors.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var fs = require("fs");
    var PROCESS_MAX_FDS = "process_max_fds";
    var maxFds;
    module2.exports = (registry, config = {}) => {
      if (maxFds === void 0) {
        try {
          const limits2 = fs.readFileSync("/proc/self/limits", "utf8");
          const lines = limits2.split("\n");
          for (const line of lines) {
            if (line.startsWith("Max open files")) {
              const parts = line.split(/  +/);
              maxFds = Number(parts[1]);
              break;
            }
          }
        } catch {
          return;
        }
      }
      if (maxFds === void 0) return;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + PROCESS_MAX_FDS,
        help: "Maximum number of open file descriptors.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          if (maxFds !== void 0) this.set(labels2, maxFds);
        }
      });
    };
    module2.exports.metricNames = [PROCESS_MAX_FDS];
  }
});

// ../node_modules/prom-client/lib/metrics/eventLoopLag.js
var require_eventLoopLag = __commonJS({
  "../node_modules/prom-client/lib/metrics/eventLoopLag.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var perf_hooks;
    try {
      perf_hooks = require("perf_hooks");
    } catch {
    }
    var NODEJS_EVENTLOOP_LAG = "nodejs_eventloop_lag_seconds";
    var NODEJS_EVENTLOOP_LAG_MIN = "nodejs_eventloop_lag_min_seconds";
    var NODEJS_EVENTLOOP_LAG_MAX = "nodejs_eventloop_lag_max_seconds";
    var NODEJS_EVENTLOOP_LAG_MEAN = "nodejs_eventloop_lag_mean_seconds";
    var NODEJS_EVENTLOOP_LAG_STDDEV = "nodejs_eventloop_lag_stddev_seconds";
    var NODEJS_EVENTLOOP_LAG_P50 = "nodejs_eventloop_lag_p50_seconds";
    var NODEJS_EVENTLOOP_LAG_P90 = "nodejs_eventloop_lag_p90_seconds";
    var NODEJS_EVENTLOOP_LAG_P99 = "nodejs_eventloop_lag_p99_seconds";
    function reportEventloopLag(start, gauge, labels2) {
      const delta = process.hrtime(start);
      const nanosec = delta[0] * 1e9 + delta[1];
      const seconds = nanosec / 1e9;
      gauge.set(labels2, seconds);
    }
    module2.exports = (registry, config = {}) => {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      const registers = registry ? [registry] : void 0;
      let collect = () => {
        const start = process.hrtime();
        setImmediate(reportEventloopLag, start, lag, labels2);
      };
      if (perf_hooks && perf_hooks.monitorEventLoopDelay) {
        try {
          const histogram = perf_hooks.monitorEventLoopDelay({
            resolution: config.eventLoopMonitoringPrecision
          });
          histogram.enable();
          collect = () => {
            const start = process.hrtime();
            setImmediate(reportEventloopLag, start, lag, labels2);
            lagMin.set(labels2, histogram.min / 1e9);
            lagMax.set(labels2, histogram.max / 1e9);
            lagMean.set(labels2, histogram.mean / 1e9);
            lagStddev.set(labels2, histogram.stddev / 1e9);
            lagP50.set(labels2, histogram.percentile(50) / 1e9);
            lagP90.set(labels2, histogram.percentile(90) / 1e9);
            lagP99.set(labels2, histogram.percentile(99) / 1e9);
            histogram.reset();
          };
        } catch (e) {
          if (e.code === "ERR_NOT_IMPLEMENTED") {
            return;
          }
          throw e;
        }
      }
      const lag = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG,
        help: "Lag of event loop in seconds.",
        registers,
        labelNames,
        aggregator: "average",
        // Use this one metric's `collect` to set all metrics' values.
        collect
      });
      const lagMin = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_MIN,
        help: "The minimum recorded event loop delay.",
        registers,
        labelNames,
        aggregator: "min"
      });
      const lagMax = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_MAX,
        help: "The maximum recorded event loop delay.",
        registers,
        labelNames,
        aggregator: "max"
      });
      const lagMean = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_MEAN,
        help: "The mean of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagStddev = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_STDDEV,
        help: "The standard deviation of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagP50 = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_P50,
        help: "The 50th percentile of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagP90 = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_P90,
        help: "The 90th percentile of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
      const lagP99 = new Gauge2({
        name: namePrefix + NODEJS_EVENTLOOP_LAG_P99,
        help: "The 99th percentile of the recorded event loop delays.",
        registers,
        labelNames,
        aggregator: "average"
      });
    };
    module2.exports.metricNames = [
      NODEJS_EVENTLOOP_LAG,
      NODEJS_EVENTLOOP_LAG_MIN,
      NODEJS_EVENTLOOP_LAG_MAX,
      NODEJS_EVENTLOOP_LAG_MEAN,
      NODEJS_EVENTLOOP_LAG_STDDEV,
      NODEJS_EVENTLOOP_LAG_P50,
      NODEJS_EVENTLOOP_LAG_P90,
      NODEJS_EVENTLOOP_LAG_P99
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/helpers/processMetricsHelpers.js
var require_processMetricsHelpers = __commonJS({
  "../node_modules/prom-client/lib/metrics/helpers/processMetricsHelpers.js"(exports2, module2) {
    "use strict";
    function aggregateByObjectName(list) {
      const data = {};
      for (let i = 0; i < list.length; i++) {
        const listElement = list[i];
        if (!listElement || typeof listElement.constructor === "undefined") {
          continue;
        }
        if (Object.hasOwnProperty.call(data, listElement.constructor.name)) {
          data[listElement.constructor.name] += 1;
        } else {
          data[listElement.constructor.name] = 1;
        }
      }
      return data;
    }
    function updateMetrics(gauge, data, labels2) {
      gauge.reset();
      for (const key in data) {
        gauge.set(Object.assign({ type: key }, labels2 || {}), data[key]);
      }
    }
    module2.exports = {
      aggregateByObjectName,
      updateMetrics
    };
  }
});

// ../node_modules/prom-client/lib/metrics/processHandles.js
var require_processHandles = __commonJS({
  "../node_modules/prom-client/lib/metrics/processHandles.js"(exports2, module2) {
    "use strict";
    var { aggregateByObjectName } = require_processMetricsHelpers();
    var { updateMetrics } = require_processMetricsHelpers();
    var Gauge2 = require_gauge();
    var NODEJS_ACTIVE_HANDLES = "nodejs_active_handles";
    var NODEJS_ACTIVE_HANDLES_TOTAL = "nodejs_active_handles_total";
    module2.exports = (registry, config = {}) => {
      if (typeof process._getActiveHandles !== "function") {
        return;
      }
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + NODEJS_ACTIVE_HANDLES,
        help: "Number of active libuv handles grouped by handle type. Every handle type is C++ class name.",
        labelNames: ["type", ...labelNames],
        registers,
        collect() {
          const handles = process._getActiveHandles();
          updateMetrics(this, aggregateByObjectName(handles), labels2);
        }
      });
      new Gauge2({
        name: namePrefix + NODEJS_ACTIVE_HANDLES_TOTAL,
        help: "Total number of active handles.",
        registers,
        labelNames,
        collect() {
          const handles = process._getActiveHandles();
          this.set(labels2, handles.length);
        }
      });
    };
    module2.exports.metricNames = [
      NODEJS_ACTIVE_HANDLES,
      NODEJS_ACTIVE_HANDLES_TOTAL
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/processRequests.js
var require_processRequests = __commonJS({
  "../node_modules/prom-client/lib/metrics/processRequests.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var { aggregateByObjectName } = require_processMetricsHelpers();
    var { updateMetrics } = require_processMetricsHelpers();
    var NODEJS_ACTIVE_REQUESTS = "nodejs_active_requests";
    var NODEJS_ACTIVE_REQUESTS_TOTAL = "nodejs_active_requests_total";
    module2.exports = (registry, config = {}) => {
      if (typeof process._getActiveRequests !== "function") {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + NODEJS_ACTIVE_REQUESTS,
        help: "Number of active libuv requests grouped by request type. Every request type is C++ class name.",
        labelNames: ["type", ...labelNames],
        registers: registry ? [registry] : void 0,
        collect() {
          const requests = process._getActiveRequests();
          updateMetrics(this, aggregateByObjectName(requests), labels2);
        }
      });
      new Gauge2({
        name: namePrefix + NODEJS_ACTIVE_REQUESTS_TOTAL,
        help: "Total number of active requests.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          const requests = process._getActiveRequests();
          this.set(labels2, requests.length);
        }
      });
    };
    module2.exports.metricNames = [
      NODEJS_ACTIVE_REQUESTS,
      NODEJS_ACTIVE_REQUESTS_TOTAL
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/processResources.js
var require_processResources = __commonJS({
  "../node_modules/prom-client/lib/metrics/processResources.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var { updateMetrics } = require_processMetricsHelpers();
    var NODEJS_ACTIVE_RESOURCES = "nodejs_active_resources";
    var NODEJS_ACTIVE_RESOURCES_TOTAL = "nodejs_active_resources_total";
    module2.exports = (registry, config = {}) => {
      if (typeof process.getActiveResourcesInfo !== "function") {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + NODEJS_ACTIVE_RESOURCES,
        help: "Number of active resources that are currently keeping the event loop alive, grouped by async resource type.",
        labelNames: ["type", ...labelNames],
        registers: registry ? [registry] : void 0,
        collect() {
          const resources = process.getActiveResourcesInfo();
          const data = {};
          for (let i = 0; i < resources.length; i++) {
            const resource = resources[i];
            if (Object.hasOwn(data, resource)) {
              data[resource] += 1;
            } else {
              data[resource] = 1;
            }
          }
          updateMetrics(this, data, labels2);
        }
      });
      new Gauge2({
        name: namePrefix + NODEJS_ACTIVE_RESOURCES_TOTAL,
        help: "Total number of active resources.",
        registers: registry ? [registry] : void 0,
        labelNames,
        collect() {
          const resources = process.getActiveResourcesInfo();
          this.set(labels2, resources.length);
        }
      });
    };
    module2.exports.metricNames = [
      NODEJS_ACTIVE_RESOURCES,
      NODEJS_ACTIVE_RESOURCES_TOTAL
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/heapSizeAndUsed.js
var require_heapSizeAndUsed = __commonJS({
  "../node_modules/prom-client/lib/metrics/heapSizeAndUsed.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var safeMemoryUsage = require_safeMemoryUsage();
    var NODEJS_HEAP_SIZE_TOTAL = "nodejs_heap_size_total_bytes";
    var NODEJS_HEAP_SIZE_USED = "nodejs_heap_size_used_bytes";
    var NODEJS_EXTERNAL_MEMORY = "nodejs_external_memory_bytes";
    module2.exports = (registry, config = {}) => {
      if (typeof process.memoryUsage !== "function") {
        return;
      }
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const collect = () => {
        const memUsage = safeMemoryUsage();
        if (memUsage) {
          heapSizeTotal.set(labels2, memUsage.heapTotal);
          heapSizeUsed.set(labels2, memUsage.heapUsed);
          if (memUsage.external !== void 0) {
            externalMemUsed.set(labels2, memUsage.external);
          }
        }
      };
      const heapSizeTotal = new Gauge2({
        name: namePrefix + NODEJS_HEAP_SIZE_TOTAL,
        help: "Process heap size from Node.js in bytes.",
        registers,
        labelNames,
        // Use this one metric's `collect` to set all metrics' values.
        collect
      });
      const heapSizeUsed = new Gauge2({
        name: namePrefix + NODEJS_HEAP_SIZE_USED,
        help: "Process heap size used from Node.js in bytes.",
        registers,
        labelNames
      });
      const externalMemUsed = new Gauge2({
        name: namePrefix + NODEJS_EXTERNAL_MEMORY,
        help: "Node.js external memory size in bytes.",
        registers,
        labelNames
      });
    };
    module2.exports.metricNames = [
      NODEJS_HEAP_SIZE_TOTAL,
      NODEJS_HEAP_SIZE_USED,
      NODEJS_EXTERNAL_MEMORY
    ];
  }
});

// ../node_modules/prom-client/lib/metrics/heapSpacesSizeAndUsed.js
var require_heapSpacesSizeAndUsed = __commonJS({
  "../node_modules/prom-client/lib/metrics/heapSpacesSizeAndUsed.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var v8 = require("v8");
    var METRICS = ["total", "used", "available"];
    var NODEJS_HEAP_SIZE = {};
    METRICS.forEach((metricType) => {
      NODEJS_HEAP_SIZE[metricType] = `nodejs_heap_space_size_${metricType}_bytes`;
    });
    module2.exports = (registry, config = {}) => {
      try {
        v8.getHeapSpaceStatistics();
      } catch (e) {
        if (e.code === "ERR_NOT_IMPLEMENTED") {
          return;
        }
        throw e;
      }
      const registers = registry ? [registry] : void 0;
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = ["space", ...Object.keys(labels2)];
      const gauges = {};
      METRICS.forEach((metricType) => {
        gauges[metricType] = new Gauge2({
          name: namePrefix + NODEJS_HEAP_SIZE[metricType],
          help: `Process heap space size ${metricType} from Node.js in bytes.`,
          labelNames,
          registers
        });
      });
      gauges.total.collect = () => {
        for (const space of v8.getHeapSpaceStatistics()) {
          const spaceName = space.space_name.substr(
            0,
            space.space_name.indexOf("_space")
          );
          gauges.total.set({ space: spaceName, ...labels2 }, space.space_size);
          gauges.used.set({ space: spaceName, ...labels2 }, space.space_used_size);
          gauges.available.set(
            { space: spaceName, ...labels2 },
            space.space_available_size
          );
        }
      };
    };
    module2.exports.metricNames = Object.values(NODEJS_HEAP_SIZE);
  }
});

// ../node_modules/prom-client/lib/metrics/version.js
var require_version2 = __commonJS({
  "../node_modules/prom-client/lib/metrics/version.js"(exports2, module2) {
    "use strict";
    var Gauge2 = require_gauge();
    var version2 = process.version;
    var versionSegments = version2.slice(1).split(".").map(Number);
    var NODE_VERSION_INFO = "nodejs_version_info";
    module2.exports = (registry, config = {}) => {
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      new Gauge2({
        name: namePrefix + NODE_VERSION_INFO,
        help: "Node.js version info.",
        labelNames: ["version", "major", "minor", "patch", ...labelNames],
        registers: registry ? [registry] : void 0,
        aggregator: "first",
        collect() {
          this.labels(
            version2,
            versionSegments[0],
            versionSegments[1],
            versionSegments[2],
            ...Object.values(labels2)
          ).set(1);
        }
      });
    };
    module2.exports.metricNames = [NODE_VERSION_INFO];
  }
});

// ../node_modules/prom-client/lib/metrics/gc.js
var require_gc = __commonJS({
  "../node_modules/prom-client/lib/metrics/gc.js"(exports2, module2) {
    "use strict";
    var Histogram2 = require_histogram();
    var perf_hooks;
    try {
      perf_hooks = require("perf_hooks");
    } catch {
    }
    var NODEJS_GC_DURATION_SECONDS = "nodejs_gc_duration_seconds";
    var DEFAULT_GC_DURATION_BUCKETS = [1e-3, 0.01, 0.1, 1, 2, 5];
    var kinds = [];
    if (perf_hooks && perf_hooks.constants) {
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR] = "major";
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR] = "minor";
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_INCREMENTAL] = "incremental";
      kinds[perf_hooks.constants.NODE_PERFORMANCE_GC_WEAKCB] = "weakcb";
    }
    module2.exports = (registry, config = {}) => {
      if (!perf_hooks) {
        return;
      }
      const namePrefix = config.prefix ? config.prefix : "";
      const labels2 = config.labels ? config.labels : {};
      const labelNames = Object.keys(labels2);
      const buckets = config.gcDurationBuckets ? config.gcDurationBuckets : DEFAULT_GC_DURATION_BUCKETS;
      const gcHistogram = new Histogram2({
        name: namePrefix + NODEJS_GC_DURATION_SECONDS,
        help: "Garbage collection duration by kind, one of major, minor, incremental or weakcb.",
        labelNames: ["kind", ...labelNames],
        enableExemplars: false,
        buckets,
        registers: registry ? [registry] : void 0
      });
      const obs = new perf_hooks.PerformanceObserver((list) => {
        const entry = list.getEntries()[0];
        const kind = entry.detail ? kinds[entry.detail.kind] : kinds[entry.kind];
        gcHistogram.observe(Object.assign({ kind }, labels2), entry.duration / 1e3);
      });
      obs.observe({ entryTypes: ["gc"] });
    };
    module2.exports.metricNames = [NODEJS_GC_DURATION_SECONDS];
  }
});

// ../node_modules/prom-client/lib/defaultMetrics.js
var require_defaultMetrics = __commonJS({
  "../node_modules/prom-client/lib/defaultMetrics.js"(exports2, module2) {
    "use strict";
    var { isObject: isObject2 } = require_util();
    var processCpuTotal = require_processCpuTotal();
    var processStartTime = require_processStartTime();
    var osMemoryHeap = require_osMemoryHeap();
    var processOpenFileDescriptors = require_processOpenFileDescriptors();
    var processMaxFileDescriptors = require_processMaxFileDescriptors();
    var eventLoopLag = require_eventLoopLag();
    var processHandles = require_processHandles();
    var processRequests = require_processRequests();
    var processResources = require_processResources();
    var heapSizeAndUsed = require_heapSizeAndUsed();
    var heapSpacesSizeAndUsed = require_heapSpacesSizeAndUsed();
    var version2 = require_version2();
    var gc = require_gc();
    var metrics = {
      processCpuTotal,
      processStartTime,
      osMemoryHeap,
      processOpenFileDescriptors,
      processMaxFileDescriptors,
      eventLoopLag,
      ...typeof process.getActiveResourcesInfo === "function" ? { processResources } : {},
      processHandles,
      processRequests,
      heapSizeAndUsed,
      heapSpacesSizeAndUsed,
      version: version2,
      gc
    };
    var metricsList = Object.keys(metrics);
    module2.exports = function collectDefaultMetrics2(config) {
      if (config !== null && config !== void 0 && !isObject2(config)) {
        throw new TypeError("config must be null, undefined, or an object");
      }
      config = { eventLoopMonitoringPrecision: 10, ...config };
      for (const metric of Object.values(metrics)) {
        metric(config.register, config);
      }
    };
    module2.exports.metricsList = metricsList;
  }
});

// ../node_modules/prom-client/lib/metricAggregators.js
var require_metricAggregators = __commonJS({
  "../node_modules/prom-client/lib/metricAggregators.js"(exports2) {
    "use strict";
    var { Grouper, hashObject } = require_util();
    function AggregatorFactory(aggregatorFn) {
      return (metrics) => {
        if (metrics.length === 0) return;
        const result = {
          help: metrics[0].help,
          name: metrics[0].name,
          type: metrics[0].type,
          values: [],
          aggregator: metrics[0].aggregator
        };
        const byLabels = new Grouper();
        metrics.forEach((metric) => {
          metric.values.forEach((value) => {
            const key = hashObject(value.labels);
            byLabels.add(`${value.metricName}_${key}`, value);
          });
        });
        byLabels.forEach((values) => {
          if (values.length === 0) return;
          const valObj = {
            value: aggregatorFn(values),
            labels: values[0].labels
          };
          if (values[0].metricName) {
            valObj.metricName = values[0].metricName;
          }
          result.values.push(valObj);
        });
        return result;
      };
    }
    exports2.AggregatorFactory = AggregatorFactory;
    exports2.aggregators = {
      /**
       * @return The sum of values.
       */
      sum: AggregatorFactory((v) => v.reduce((p, c) => p + c.value, 0)),
      /**
       * @return The first value.
       */
      first: AggregatorFactory((v) => v[0].value),
      /**
       * @return {undefined} Undefined; omits the metric.
       */
      omit: () => {
      },
      /**
       * @return The arithmetic mean of the values.
       */
      average: AggregatorFactory(
        (v) => v.reduce((p, c) => p + c.value, 0) / v.length
      ),
      /**
       * @return The minimum of the values.
       */
      min: AggregatorFactory(
        (v) => v.reduce((p, c) => Math.min(p, c.value), Infinity)
      ),
      /**
       * @return The maximum of the values.
       */
      max: AggregatorFactory(
        (v) => v.reduce((p, c) => Math.max(p, c.value), -Infinity)
      )
    };
  }
});

// ../node_modules/prom-client/lib/cluster.js
var require_cluster = __commonJS({
  "../node_modules/prom-client/lib/cluster.js"(exports2, module2) {
    "use strict";
    var Registry2 = require_registry();
    var { Grouper } = require_util();
    var { aggregators } = require_metricAggregators();
    var cluster10 = () => {
      const data = require("cluster");
      cluster10 = () => data;
      return data;
    };
    var GET_METRICS_REQ = "prom-client:getMetricsReq";
    var GET_METRICS_RES = "prom-client:getMetricsRes";
    var registries = [Registry2.globalRegistry];
    var requestCtr = 0;
    var listenersAdded = false;
    var requests = /* @__PURE__ */ new Map();
    var AggregatorRegistry2 = class extends Registry2 {
      constructor(regContentType = Registry2.PROMETHEUS_CONTENT_TYPE) {
        super(regContentType);
        addListeners();
      }
      /**
       * Gets aggregated metrics for all workers. The optional callback and
       * returned Promise resolve with the same value; either may be used.
       * @return {Promise<string>} Promise that resolves with the aggregated
       *   metrics.
       */
      clusterMetrics() {
        const requestId = requestCtr++;
        return new Promise((resolve, reject) => {
          let settled = false;
          function done(err, result) {
            if (settled) return;
            settled = true;
            if (err) reject(err);
            else resolve(result);
          }
          const request2 = {
            responses: [],
            pending: 0,
            done,
            errorTimeout: setTimeout(() => {
              const err = new Error("Operation timed out.");
              request2.done(err);
            }, 5e3)
          };
          requests.set(requestId, request2);
          const message = {
            type: GET_METRICS_REQ,
            requestId
          };
          for (const id in cluster10().workers) {
            if (cluster10().workers[id].isConnected()) {
              cluster10().workers[id].send(message);
              request2.pending++;
            }
          }
          if (request2.pending === 0) {
            clearTimeout(request2.errorTimeout);
            process.nextTick(() => done(null, ""));
          }
        });
      }
      get contentType() {
        return super.contentType;
      }
      /**
       * Creates a new Registry instance from an array of metrics that were
       * created by `registry.getMetricsAsJSON()`. Metrics are aggregated using
       * the method specified by their `aggregator` property, or by summation if
       * `aggregator` is undefined.
       * @param {Array} metricsArr Array of metrics, each of which created by
       *   `registry.getMetricsAsJSON()`.
       * @param {string} registryType content type of the new registry. Defaults
       * to PROMETHEUS_CONTENT_TYPE.
       * @return {Registry} aggregated registry.
       */
      static aggregate(metricsArr, registryType = Registry2.PROMETHEUS_CONTENT_TYPE) {
        const aggregatedRegistry = new Registry2();
        const metricsByName = new Grouper();
        aggregatedRegistry.setContentType(registryType);
        metricsArr.forEach((metrics) => {
          metrics.forEach((metric) => {
            metricsByName.add(metric.name, metric);
          });
        });
        metricsByName.forEach((metrics) => {
          const aggregatorName = metrics[0].aggregator;
          const aggregatorFn = aggregators[aggregatorName];
          if (typeof aggregatorFn !== "function") {
            throw new Error(`'${aggregatorName}' is not a defined aggregator.`);
          }
          const aggregatedMetric = aggregatorFn(metrics);
          if (aggregatedMetric) {
            const aggregatedMetricWrapper = Object.assign(
              {
                get: () => aggregatedMetric
              },
              aggregatedMetric
            );
            aggregatedRegistry.registerMetric(aggregatedMetricWrapper);
          }
        });
        return aggregatedRegistry;
      }
      /**
       * Sets the registry or registries to be aggregated. Call from workers to
       * use a registry/registries other than the default global registry.
       * @param {Array<Registry>|Registry} regs Registry or registries to be
       *   aggregated.
       * @return {void}
       */
      static setRegistries(regs) {
        if (!Array.isArray(regs)) regs = [regs];
        regs.forEach((reg) => {
          if (!(reg instanceof Registry2)) {
            throw new TypeError(`Expected Registry, got ${typeof reg}`);
          }
        });
        registries = regs;
      }
    };
    function addListeners() {
      if (listenersAdded) return;
      listenersAdded = true;
      if (cluster10().isMaster) {
        cluster10().on("message", (worker, message) => {
          if (message.type === GET_METRICS_RES) {
            const request2 = requests.get(message.requestId);
            if (message.error) {
              request2.done(new Error(message.error));
              return;
            }
            message.metrics.forEach((registry) => request2.responses.push(registry));
            request2.pending--;
            if (request2.pending === 0) {
              requests.delete(message.requestId);
              clearTimeout(request2.errorTimeout);
              const registry = AggregatorRegistry2.aggregate(request2.responses);
              const promString = registry.metrics();
              request2.done(null, promString);
            }
          }
        });
      }
      if (cluster10().isWorker) {
        process.on("message", (message) => {
          if (message.type === GET_METRICS_REQ) {
            Promise.all(registries.map((r) => r.getMetricsAsJSON())).then((metrics) => {
              process.send({
                type: GET_METRICS_RES,
                requestId: message.requestId,
                metrics
              });
            }).catch((error) => {
              process.send({
                type: GET_METRICS_RES,
                requestId: message.requestId,
                error: error.message
              });
            });
          }
        });
      }
    }
    module2.exports = AggregatorRegistry2;
  }
});

// ../node_modules/prom-client/index.js
var require_prom_client = __commonJS({
  "../node_modules/prom-client/index.js"(exports2) {
    "use strict";
    exports2.register = require_registry().globalRegistry;
    exports2.Registry = require_registry();
    Object.defineProperty(exports2, "contentType", {
      configurable: false,
      enumerable: true,
      get() {
        return exports2.register.contentType;
      },
      set(value) {
        exports2.register.setContentType(value);
      }
    });
    exports2.prometheusContentType = exports2.Registry.PROMETHEUS_CONTENT_TYPE;
    exports2.openMetricsContentType = exports2.Registry.OPENMETRICS_CONTENT_TYPE;
    exports2.validateMetricName = require_validation().validateMetricName;
    exports2.Counter = require_counter();
    exports2.Gauge = require_gauge();
    exports2.Histogram = require_histogram();
    exports2.Summary = require_summary();
    exports2.Pushgateway = require_pushgateway();
    exports2.linearBuckets = require_bucketGenerators().linearBuckets;
    exports2.exponentialBuckets = require_bucketGenerators().exponentialBuckets;
    exports2.collectDefaultMetrics = require_defaultMetrics();
    exports2.aggregators = require_metricAggregators().aggregators;
    exports2.AggregatorRegistry = require_cluster();
  }
});

// ../node_modules/@ioredis/commands/built/commands.json
var require_commands = __commonJS({
  "../node_modules/@ioredis/commands/built/commands.json"(exports2, module2) {
    module2.exports = {
      acl: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      append: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      asking: {
        arity: 1,
        flags: [
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      auth: {
        arity: -2,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bgrewriteaof: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bgsave: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bitcount: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      bitfield: {
        arity: -2,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      bitfield_ro: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      bitop: {
        arity: -4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 2,
        keyStop: -1,
        step: 1
      },
      bitpos: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      blmove: {
        arity: 6,
        flags: [
          "write",
          "denyoom",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      blmpop: {
        arity: -5,
        flags: [
          "write",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      blpop: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      brpop: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      brpoplpush: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      bzmpop: {
        arity: -5,
        flags: [
          "write",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bzpopmax: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking",
          "fast"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      bzpopmin: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking",
          "fast"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      client: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      cluster: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      command: {
        arity: -1,
        flags: [
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      config: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      copy: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      dbsize: {
        arity: 1,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      debug: {
        arity: -2,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      decr: {
        arity: 2,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      decrby: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      del: {
        arity: -2,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      discard: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      dump: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      echo: {
        arity: 2,
        flags: [
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      eval: {
        arity: -3,
        flags: [
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      eval_ro: {
        arity: -3,
        flags: [
          "readonly",
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      evalsha: {
        arity: -3,
        flags: [
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      evalsha_ro: {
        arity: -3,
        flags: [
          "readonly",
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      exec: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "skip_slowlog"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      exists: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      expire: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      expireat: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      expiretime: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      failover: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      fcall: {
        arity: -3,
        flags: [
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      fcall_ro: {
        arity: -3,
        flags: [
          "readonly",
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      flushall: {
        arity: -1,
        flags: [
          "write"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      flushdb: {
        arity: -1,
        flags: [
          "write"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      function: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      geoadd: {
        arity: -5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geodist: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geohash: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geopos: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadius: {
        arity: -6,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadius_ro: {
        arity: -6,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadiusbymember: {
        arity: -5,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadiusbymember_ro: {
        arity: -5,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geosearch: {
        arity: -7,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geosearchstore: {
        arity: -8,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      get: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getbit: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getdel: {
        arity: 2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getex: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getrange: {
        arity: 4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getset: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hdel: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hello: {
        arity: -1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      hexists: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hexpire: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hpexpire: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hget: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hgetall: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hincrby: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hincrbyfloat: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hkeys: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hlen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hmget: {
        arity: -3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hmset: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hrandfield: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hscan: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hset: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hsetnx: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hstrlen: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hvals: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      incr: {
        arity: 2,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      incrby: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      incrbyfloat: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      info: {
        arity: -1,
        flags: [
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      keys: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lastsave: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      latency: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lcs: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      lindex: {
        arity: 3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      linsert: {
        arity: 5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      llen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lmove: {
        arity: 5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      lmpop: {
        arity: -4,
        flags: [
          "write",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lolwut: {
        arity: -1,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lpop: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lpos: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lpush: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lpushx: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lrange: {
        arity: 4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lrem: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lset: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      ltrim: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      memory: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      mget: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      migrate: {
        arity: -6,
        flags: [
          "write",
          "movablekeys"
        ],
        keyStart: 3,
        keyStop: 3,
        step: 1
      },
      module: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      monitor: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      move: {
        arity: 3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      mset: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 2
      },
      msetnx: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 2
      },
      multi: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      object: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      persist: {
        arity: 2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pexpire: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pexpireat: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pexpiretime: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pfadd: {
        arity: -2,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pfcount: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      pfdebug: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "admin"
        ],
        keyStart: 2,
        keyStop: 2,
        step: 1
      },
      pfmerge: {
        arity: -2,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      pfselftest: {
        arity: 1,
        flags: [
          "admin"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      ping: {
        arity: -1,
        flags: [
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      psetex: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      psubscribe: {
        arity: -2,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      psync: {
        arity: -3,
        flags: [
          "admin",
          "noscript",
          "no_async_loading",
          "no_multi"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      pttl: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      publish: {
        arity: 3,
        flags: [
          "pubsub",
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      pubsub: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      punsubscribe: {
        arity: -1,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      quit: {
        arity: -1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      randomkey: {
        arity: 1,
        flags: [
          "readonly"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      readonly: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      readwrite: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      rename: {
        arity: 3,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      renamenx: {
        arity: 3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      replconf: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      replicaof: {
        arity: 3,
        flags: [
          "admin",
          "noscript",
          "stale",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      reset: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      restore: {
        arity: -4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      "restore-asking": {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "asking"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      role: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      rpop: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      rpoplpush: {
        arity: 3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      rpush: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      rpushx: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sadd: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      save: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading",
          "no_multi"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      scan: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      scard: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      script: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sdiff: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sdiffstore: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      select: {
        arity: 2,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      set: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setbit: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setex: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setnx: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setrange: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      shutdown: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale",
          "no_multi",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sinter: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sintercard: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sinterstore: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sismember: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      slaveof: {
        arity: 3,
        flags: [
          "admin",
          "noscript",
          "stale",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      slowlog: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      smembers: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      smismember: {
        arity: -3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      smove: {
        arity: 4,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      sort: {
        arity: -2,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sort_ro: {
        arity: -2,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      spop: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      spublish: {
        arity: 3,
        flags: [
          "pubsub",
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      srandmember: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      srem: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sscan: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      ssubscribe: {
        arity: -2,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      strlen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      subscribe: {
        arity: -2,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      substr: {
        arity: 4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sunion: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sunionstore: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sunsubscribe: {
        arity: -1,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      swapdb: {
        arity: 3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sync: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading",
          "no_multi"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      time: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      touch: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      ttl: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      type: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      unlink: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      unsubscribe: {
        arity: -1,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      unwatch: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      wait: {
        arity: 3,
        flags: [
          "noscript"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      watch: {
        arity: -2,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      xack: {
        arity: -4,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xadd: {
        arity: -5,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xautoclaim: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xclaim: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xdel: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xdelex: {
        arity: -5,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xgroup: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xinfo: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xlen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xpending: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xread: {
        arity: -4,
        flags: [
          "readonly",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xreadgroup: {
        arity: -7,
        flags: [
          "write",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xrevrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xsetid: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xtrim: {
        arity: -4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zadd: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zcard: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zcount: {
        arity: 4,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zdiff: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zdiffstore: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zincrby: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zinter: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zintercard: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zinterstore: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zlexcount: {
        arity: 4,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zmpop: {
        arity: -4,
        flags: [
          "write",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zmscore: {
        arity: -3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zpopmax: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zpopmin: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrandmember: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrangebylex: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrangebyscore: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrangestore: {
        arity: -5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      zrank: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrem: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zremrangebylex: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zremrangebyrank: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zremrangebyscore: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrangebylex: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrangebyscore: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrank: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zscan: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zscore: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zunion: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zunionstore: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      }
    };
  }
});

// ../node_modules/@ioredis/commands/built/index.js
var require_built = __commonJS({
  "../node_modules/@ioredis/commands/built/index.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.getKeyIndexes = exports2.hasFlag = exports2.exists = exports2.list = void 0;
    var commands_json_1 = __importDefault(require_commands());
    exports2.list = Object.keys(commands_json_1.default);
    var flags = {};
    exports2.list.forEach((commandName) => {
      flags[commandName] = commands_json_1.default[commandName].flags.reduce(function(flags2, flag) {
        flags2[flag] = true;
        return flags2;
      }, {});
    });
    function exists(commandName, options) {
      commandName = (options === null || options === void 0 ? void 0 : options.caseInsensitive) ? String(commandName).toLowerCase() : commandName;
      return Boolean(commands_json_1.default[commandName]);
    }
    exports2.exists = exists;
    function hasFlag(commandName, flag, options) {
      commandName = (options === null || options === void 0 ? void 0 : options.nameCaseInsensitive) ? String(commandName).toLowerCase() : commandName;
      if (!flags[commandName]) {
        throw new Error("Unknown command " + commandName);
      }
      return Boolean(flags[commandName][flag]);
    }
    exports2.hasFlag = hasFlag;
    function getKeyIndexes(commandName, args, options) {
      commandName = (options === null || options === void 0 ? void 0 : options.nameCaseInsensitive) ? String(commandName).toLowerCase() : commandName;
      const command = commands_json_1.default[commandName];
      if (!command) {
        throw new Error("Unknown command " + commandName);
      }
      if (!Array.isArray(args)) {
        throw new Error("Expect args to be an array");
      }
      const keys = [];
      const parseExternalKey = Boolean(options && options.parseExternalKey);
      const takeDynamicKeys = (args2, startIndex) => {
        const keys2 = [];
        const keyStop = Number(args2[startIndex]);
        for (let i = 0; i < keyStop; i++) {
          keys2.push(i + startIndex + 1);
        }
        return keys2;
      };
      const takeKeyAfterToken = (args2, startIndex, token) => {
        for (let i = startIndex; i < args2.length - 1; i += 1) {
          if (String(args2[i]).toLowerCase() === token.toLowerCase()) {
            return i + 1;
          }
        }
        return null;
      };
      switch (commandName) {
        case "zunionstore":
        case "zinterstore":
        case "zdiffstore":
          keys.push(0, ...takeDynamicKeys(args, 1));
          break;
        case "eval":
        case "evalsha":
        case "eval_ro":
        case "evalsha_ro":
        case "fcall":
        case "fcall_ro":
        case "blmpop":
        case "bzmpop":
          keys.push(...takeDynamicKeys(args, 1));
          break;
        case "sintercard":
        case "lmpop":
        case "zunion":
        case "zinter":
        case "zmpop":
        case "zintercard":
        case "zdiff": {
          keys.push(...takeDynamicKeys(args, 0));
          break;
        }
        case "georadius": {
          keys.push(0);
          const storeKey = takeKeyAfterToken(args, 5, "STORE");
          if (storeKey)
            keys.push(storeKey);
          const distKey = takeKeyAfterToken(args, 5, "STOREDIST");
          if (distKey)
            keys.push(distKey);
          break;
        }
        case "georadiusbymember": {
          keys.push(0);
          const storeKey = takeKeyAfterToken(args, 4, "STORE");
          if (storeKey)
            keys.push(storeKey);
          const distKey = takeKeyAfterToken(args, 4, "STOREDIST");
          if (distKey)
            keys.push(distKey);
          break;
        }
        case "sort":
        case "sort_ro":
          keys.push(0);
          for (let i = 1; i < args.length - 1; i++) {
            let arg = args[i];
            if (typeof arg !== "string") {
              continue;
            }
            const directive = arg.toUpperCase();
            if (directive === "GET") {
              i += 1;
              arg = args[i];
              if (arg !== "#") {
                if (parseExternalKey) {
                  keys.push([i, getExternalKeyNameLength(arg)]);
                } else {
                  keys.push(i);
                }
              }
            } else if (directive === "BY") {
              i += 1;
              if (parseExternalKey) {
                keys.push([i, getExternalKeyNameLength(args[i])]);
              } else {
                keys.push(i);
              }
            } else if (directive === "STORE") {
              i += 1;
              keys.push(i);
            }
          }
          break;
        case "migrate":
          if (args[2] === "") {
            for (let i = 5; i < args.length - 1; i++) {
              const arg = args[i];
              if (typeof arg === "string" && arg.toUpperCase() === "KEYS") {
                for (let j = i + 1; j < args.length; j++) {
                  keys.push(j);
                }
                break;
              }
            }
          } else {
            keys.push(2);
          }
          break;
        case "xreadgroup":
        case "xread":
          for (let i = commandName === "xread" ? 0 : 3; i < args.length - 1; i++) {
            if (String(args[i]).toUpperCase() === "STREAMS") {
              for (let j = i + 1; j <= i + (args.length - 1 - i) / 2; j++) {
                keys.push(j);
              }
              break;
            }
          }
          break;
        default:
          if (command.step > 0) {
            const keyStart = command.keyStart - 1;
            const keyStop = command.keyStop > 0 ? command.keyStop : args.length + command.keyStop + 1;
            for (let i = keyStart; i < keyStop; i += command.step) {
              keys.push(i);
            }
          }
          break;
      }
      return keys;
    }
    exports2.getKeyIndexes = getKeyIndexes;
    function getExternalKeyNameLength(key) {
      if (typeof key !== "string") {
        key = String(key);
      }
      const hashPos = key.indexOf("->");
      return hashPos === -1 ? key.length : hashPos;
    }
  }
});

// ../node_modules/standard-as-callback/built/utils.js
var require_utils3 = __commonJS({
  "../node_modules/standard-as-callback/built/utils.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.tryCatch = exports2.errorObj = void 0;
    exports2.errorObj = { e: {} };
    var tryCatchTarget;
    function tryCatcher(err, val) {
      try {
        const target = tryCatchTarget;
        tryCatchTarget = null;
        return target.apply(this, arguments);
      } catch (e) {
        exports2.errorObj.e = e;
        return exports2.errorObj;
      }
    }
    function tryCatch(fn) {
      tryCatchTarget = fn;
      return tryCatcher;
    }
    exports2.tryCatch = tryCatch;
  }
});

// ../node_modules/standard-as-callback/built/index.js
var require_built2 = __commonJS({
  "../node_modules/standard-as-callback/built/index.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var utils_1 = require_utils3();
    function throwLater(e) {
      setTimeout(function() {
        throw e;
      }, 0);
    }
    function asCallback(promise, nodeback, options) {
      if (typeof nodeback === "function") {
        promise.then((val) => {
          let ret2;
          if (options !== void 0 && Object(options).spread && Array.isArray(val)) {
            ret2 = utils_1.tryCatch(nodeback).apply(void 0, [null].concat(val));
          } else {
            ret2 = val === void 0 ? utils_1.tryCatch(nodeback)(null) : utils_1.tryCatch(nodeback)(null, val);
          }
          if (ret2 === utils_1.errorObj) {
            throwLater(ret2.e);
          }
        }, (cause) => {
          if (!cause) {
            const newReason = new Error(cause + "");
            Object.assign(newReason, { cause });
            cause = newReason;
          }
          const ret2 = utils_1.tryCatch(nodeback)(cause);
          if (ret2 === utils_1.errorObj) {
            throwLater(ret2.e);
          }
        });
      }
      return promise;
    }
    exports2.default = asCallback;
  }
});

// ../node_modules/redis-errors/lib/old.js
var require_old = __commonJS({
  "../node_modules/redis-errors/lib/old.js"(exports2, module2) {
    "use strict";
    var assert = require("assert");
    var util = require("util");
    function RedisError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      Error.captureStackTrace(this, this.constructor);
    }
    util.inherits(RedisError, Error);
    Object.defineProperty(RedisError.prototype, "name", {
      value: "RedisError",
      configurable: true,
      writable: true
    });
    function ParserError(message, buffer, offset) {
      assert(buffer);
      assert.strictEqual(typeof offset, "number");
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      const tmp = Error.stackTraceLimit;
      Error.stackTraceLimit = 2;
      Error.captureStackTrace(this, this.constructor);
      Error.stackTraceLimit = tmp;
      this.offset = offset;
      this.buffer = buffer;
    }
    util.inherits(ParserError, RedisError);
    Object.defineProperty(ParserError.prototype, "name", {
      value: "ParserError",
      configurable: true,
      writable: true
    });
    function ReplyError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      const tmp = Error.stackTraceLimit;
      Error.stackTraceLimit = 2;
      Error.captureStackTrace(this, this.constructor);
      Error.stackTraceLimit = tmp;
    }
    util.inherits(ReplyError, RedisError);
    Object.defineProperty(ReplyError.prototype, "name", {
      value: "ReplyError",
      configurable: true,
      writable: true
    });
    function AbortError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      Error.captureStackTrace(this, this.constructor);
    }
    util.inherits(AbortError, RedisError);
    Object.defineProperty(AbortError.prototype, "name", {
      value: "AbortError",
      configurable: true,
      writable: true
    });
    function InterruptError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      Error.captureStackTrace(this, this.constructor);
    }
    util.inherits(InterruptError, AbortError);
    Object.defineProperty(InterruptError.prototype, "name", {
      value: "InterruptError",
      configurable: true,
      writable: true
    });
    module2.exports = {
      RedisError,
      ParserError,
      ReplyError,
      AbortError,
      InterruptError
    };
  }
});

// ../node_modules/redis-errors/lib/modern.js
var require_modern = __commonJS({
  "../node_modules/redis-errors/lib/modern.js"(exports2, module2) {
    "use strict";
    var assert = require("assert");
    var RedisError = class extends Error {
      get name() {
        return this.constructor.name;
      }
    };
    var ParserError = class extends RedisError {
      constructor(message, buffer, offset) {
        assert(buffer);
        assert.strictEqual(typeof offset, "number");
        const tmp = Error.stackTraceLimit;
        Error.stackTraceLimit = 2;
        super(message);
        Error.stackTraceLimit = tmp;
        this.offset = offset;
        this.buffer = buffer;
      }
      get name() {
        return this.constructor.name;
      }
    };
    var ReplyError = class extends RedisError {
      constructor(message) {
        const tmp = Error.stackTraceLimit;
        Error.stackTraceLimit = 2;
        super(message);
        Error.stackTraceLimit = tmp;
      }
      get name() {
        return this.constructor.name;
      }
    };
    var AbortError = class extends RedisError {
      get name() {
        return this.constructor.name;
      }
    };
    var InterruptError = class extends AbortError {
      get name() {
        return this.constructor.name;
      }
    };
    module2.exports = {
      RedisError,
      ParserError,
      ReplyError,
      AbortError,
      InterruptError
    };
  }
});

// ../node_modules/redis-errors/index.js
var require_redis_errors = __commonJS({
  "../node_modules/redis-errors/index.js"(exports2, module2) {
    "use strict";
    var Errors = process.version.charCodeAt(1) < 55 && process.version.charCodeAt(2) === 46 ? require_old() : require_modern();
    module2.exports = Errors;
  }
});

// ../node_modules/cluster-key-slot/lib/index.js
var require_lib = __commonJS({
  "../node_modules/cluster-key-slot/lib/index.js"(exports2, module2) {
    "use strict";
    var lookup = [
      0,
      4129,
      8258,
      12387,
      16516,
      20645,
      24774,
      28903,
      33032,
      37161,
      41290,
      45419,
      49548,
      53677,
      57806,
      61935,
      4657,
      528,
      12915,
      8786,
      21173,
      17044,
      29431,
      25302,
      37689,
      33560,
      45947,
      41818,
      54205,
      50076,
      62463,
      58334,
      9314,
      13379,
      1056,
      5121,
      25830,
      29895,
      17572,
      21637,
      42346,
      46411,
      34088,
      38153,
      58862,
      62927,
      50604,
      54669,
      13907,
      9842,
      5649,
      1584,
      30423,
      26358,
      22165,
      18100,
      46939,
      42874,
      38681,
      34616,
      63455,
      59390,
      55197,
      51132,
      18628,
      22757,
      26758,
      30887,
      2112,
      6241,
      10242,
      14371,
      51660,
      55789,
      59790,
      63919,
      35144,
      39273,
      43274,
      47403,
      23285,
      19156,
      31415,
      27286,
      6769,
      2640,
      14899,
      10770,
      56317,
      52188,
      64447,
      60318,
      39801,
      35672,
      47931,
      43802,
      27814,
      31879,
      19684,
      23749,
      11298,
      15363,
      3168,
      7233,
      60846,
      64911,
      52716,
      56781,
      44330,
      48395,
      36200,
      40265,
      32407,
      28342,
      24277,
      20212,
      15891,
      11826,
      7761,
      3696,
      65439,
      61374,
      57309,
      53244,
      48923,
      44858,
      40793,
      36728,
      37256,
      33193,
      45514,
      41451,
      53516,
      49453,
      61774,
      57711,
      4224,
      161,
      12482,
      8419,
      20484,
      16421,
      28742,
      24679,
      33721,
      37784,
      41979,
      46042,
      49981,
      54044,
      58239,
      62302,
      689,
      4752,
      8947,
      13010,
      16949,
      21012,
      25207,
      29270,
      46570,
      42443,
      38312,
      34185,
      62830,
      58703,
      54572,
      50445,
      13538,
      9411,
      5280,
      1153,
      29798,
      25671,
      21540,
      17413,
      42971,
      47098,
      34713,
      38840,
      59231,
      63358,
      50973,
      55100,
      9939,
      14066,
      1681,
      5808,
      26199,
      30326,
      17941,
      22068,
      55628,
      51565,
      63758,
      59695,
      39368,
      35305,
      47498,
      43435,
      22596,
      18533,
      30726,
      26663,
      6336,
      2273,
      14466,
      10403,
      52093,
      56156,
      60223,
      64286,
      35833,
      39896,
      43963,
      48026,
      19061,
      23124,
      27191,
      31254,
      2801,
      6864,
      10931,
      14994,
      64814,
      60687,
      56684,
      52557,
      48554,
      44427,
      40424,
      36297,
      31782,
      27655,
      23652,
      19525,
      15522,
      11395,
      7392,
      3265,
      61215,
      65342,
      53085,
      57212,
      44955,
      49082,
      36825,
      40952,
      28183,
      32310,
      20053,
      24180,
      11923,
      16050,
      3793,
      7920
    ];
    var toUTF8Array = function toUTF8Array2(str2) {
      var char;
      var i = 0;
      var p = 0;
      var utf8 = [];
      var len = str2.length;
      for (; i < len; i++) {
        char = str2.charCodeAt(i);
        if (char < 128) {
          utf8[p++] = char;
        } else if (char < 2048) {
          utf8[p++] = char >> 6 | 192;
          utf8[p++] = char & 63 | 128;
        } else if ((char & 64512) === 55296 && i + 1 < str2.length && (str2.charCodeAt(i + 1) & 64512) === 56320) {
          char = 65536 + ((char & 1023) << 10) + (str2.charCodeAt(++i) & 1023);
          utf8[p++] = char >> 18 | 240;
          utf8[p++] = char >> 12 & 63 | 128;
          utf8[p++] = char >> 6 & 63 | 128;
          utf8[p++] = char & 63 | 128;
        } else {
          utf8[p++] = char >> 12 | 224;
          utf8[p++] = char >> 6 & 63 | 128;
          utf8[p++] = char & 63 | 128;
        }
      }
      return utf8;
    };
    var generate = module2.exports = function generate2(str2) {
      var char;
      var i = 0;
      var start = -1;
      var result = 0;
      var resultHash = 0;
      var utf8 = typeof str2 === "string" ? toUTF8Array(str2) : str2;
      var len = utf8.length;
      while (i < len) {
        char = utf8[i++];
        if (start === -1) {
          if (char === 123) {
            start = i;
          }
        } else if (char !== 125) {
          resultHash = lookup[(char ^ resultHash >> 8) & 255] ^ resultHash << 8;
        } else if (i - 1 !== start) {
          return resultHash & 16383;
        }
        result = lookup[(char ^ result >> 8) & 255] ^ result << 8;
      }
      return result & 16383;
    };
    module2.exports.generateMulti = function generateMulti(keys) {
      var i = 1;
      var len = keys.length;
      var base = generate(keys[0]);
      while (i < len) {
        if (generate(keys[i++]) !== base) return -1;
      }
      return base;
    };
  }
});

// ../node_modules/lodash.defaults/index.js
var require_lodash = __commonJS({
  "../node_modules/lodash.defaults/index.js"(exports2, module2) {
    "use strict";
    var MAX_SAFE_INTEGER = 9007199254740991;
    var argsTag = "[object Arguments]";
    var funcTag = "[object Function]";
    var genTag = "[object GeneratorFunction]";
    var reIsUint = /^(?:0|[1-9]\d*)$/;
    function apply(func, thisArg, args) {
      switch (args.length) {
        case 0:
          return func.call(thisArg);
        case 1:
          return func.call(thisArg, args[0]);
        case 2:
          return func.call(thisArg, args[0], args[1]);
        case 3:
          return func.call(thisArg, args[0], args[1], args[2]);
      }
      return func.apply(thisArg, args);
    }
    function baseTimes(n, iteratee) {
      var index = -1, result = Array(n);
      while (++index < n) {
        result[index] = iteratee(index);
      }
      return result;
    }
    var objectProto = Object.prototype;
    var hasOwnProperty = objectProto.hasOwnProperty;
    var objectToString = objectProto.toString;
    var propertyIsEnumerable = objectProto.propertyIsEnumerable;
    var nativeMax = Math.max;
    function arrayLikeKeys(value, inherited) {
      var result = isArray(value) || isArguments(value) ? baseTimes(value.length, String) : [];
      var length = result.length, skipIndexes = !!length;
      for (var key in value) {
        if ((inherited || hasOwnProperty.call(value, key)) && !(skipIndexes && (key == "length" || isIndex(key, length)))) {
          result.push(key);
        }
      }
      return result;
    }
    function assignInDefaults(objValue, srcValue, key, object) {
      if (objValue === void 0 || eq(objValue, objectProto[key]) && !hasOwnProperty.call(object, key)) {
        return srcValue;
      }
      return objValue;
    }
    function assignValue(object, key, value) {
      var objValue = object[key];
      if (!(hasOwnProperty.call(object, key) && eq(objValue, value)) || value === void 0 && !(key in object)) {
        object[key] = value;
      }
    }
    function baseKeysIn(object) {
      if (!isObject2(object)) {
        return nativeKeysIn(object);
      }
      var isProto = isPrototype(object), result = [];
      for (var key in object) {
        if (!(key == "constructor" && (isProto || !hasOwnProperty.call(object, key)))) {
          result.push(key);
        }
      }
      return result;
    }
    function baseRest(func, start) {
      start = nativeMax(start === void 0 ? func.length - 1 : start, 0);
      return function() {
        var args = arguments, index = -1, length = nativeMax(args.length - start, 0), array = Array(length);
        while (++index < length) {
          array[index] = args[start + index];
        }
        index = -1;
        var otherArgs = Array(start + 1);
        while (++index < start) {
          otherArgs[index] = args[index];
        }
        otherArgs[start] = array;
        return apply(func, this, otherArgs);
      };
    }
    function copyObject(source, props, object, customizer) {
      object || (object = {});
      var index = -1, length = props.length;
      while (++index < length) {
        var key = props[index];
        var newValue = customizer ? customizer(object[key], source[key], key, object, source) : void 0;
        assignValue(object, key, newValue === void 0 ? source[key] : newValue);
      }
      return object;
    }
    function createAssigner(assigner) {
      return baseRest(function(object, sources) {
        var index = -1, length = sources.length, customizer = length > 1 ? sources[length - 1] : void 0, guard2 = length > 2 ? sources[2] : void 0;
        customizer = assigner.length > 3 && typeof customizer == "function" ? (length--, customizer) : void 0;
        if (guard2 && isIterateeCall(sources[0], sources[1], guard2)) {
          customizer = length < 3 ? void 0 : customizer;
          length = 1;
        }
        object = Object(object);
        while (++index < length) {
          var source = sources[index];
          if (source) {
            assigner(object, source, index, customizer);
          }
        }
        return object;
      });
    }
    function isIndex(value, length) {
      length = length == null ? MAX_SAFE_INTEGER : length;
      return !!length && (typeof value == "number" || reIsUint.test(value)) && (value > -1 && value % 1 == 0 && value < length);
    }
    function isIterateeCall(value, index, object) {
      if (!isObject2(object)) {
        return false;
      }
      var type = typeof index;
      if (type == "number" ? isArrayLike(object) && isIndex(index, object.length) : type == "string" && index in object) {
        return eq(object[index], value);
      }
      return false;
    }
    function isPrototype(value) {
      var Ctor = value && value.constructor, proto = typeof Ctor == "function" && Ctor.prototype || objectProto;
      return value === proto;
    }
    function nativeKeysIn(object) {
      var result = [];
      if (object != null) {
        for (var key in Object(object)) {
          result.push(key);
        }
      }
      return result;
    }
    function eq(value, other) {
      return value === other || value !== value && other !== other;
    }
    function isArguments(value) {
      return isArrayLikeObject(value) && hasOwnProperty.call(value, "callee") && (!propertyIsEnumerable.call(value, "callee") || objectToString.call(value) == argsTag);
    }
    var isArray = Array.isArray;
    function isArrayLike(value) {
      return value != null && isLength(value.length) && !isFunction(value);
    }
    function isArrayLikeObject(value) {
      return isObjectLike(value) && isArrayLike(value);
    }
    function isFunction(value) {
      var tag = isObject2(value) ? objectToString.call(value) : "";
      return tag == funcTag || tag == genTag;
    }
    function isLength(value) {
      return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
    }
    function isObject2(value) {
      var type = typeof value;
      return !!value && (type == "object" || type == "function");
    }
    function isObjectLike(value) {
      return !!value && typeof value == "object";
    }
    var assignInWith = createAssigner(function(object, source, srcIndex, customizer) {
      copyObject(source, keysIn(source), object, customizer);
    });
    var defaults = baseRest(function(args) {
      args.push(void 0, assignInDefaults);
      return apply(assignInWith, void 0, args);
    });
    function keysIn(object) {
      return isArrayLike(object) ? arrayLikeKeys(object, true) : baseKeysIn(object);
    }
    module2.exports = defaults;
  }
});

// ../node_modules/lodash.isarguments/index.js
var require_lodash2 = __commonJS({
  "../node_modules/lodash.isarguments/index.js"(exports2, module2) {
    "use strict";
    var MAX_SAFE_INTEGER = 9007199254740991;
    var argsTag = "[object Arguments]";
    var funcTag = "[object Function]";
    var genTag = "[object GeneratorFunction]";
    var objectProto = Object.prototype;
    var hasOwnProperty = objectProto.hasOwnProperty;
    var objectToString = objectProto.toString;
    var propertyIsEnumerable = objectProto.propertyIsEnumerable;
    function isArguments(value) {
      return isArrayLikeObject(value) && hasOwnProperty.call(value, "callee") && (!propertyIsEnumerable.call(value, "callee") || objectToString.call(value) == argsTag);
    }
    function isArrayLike(value) {
      return value != null && isLength(value.length) && !isFunction(value);
    }
    function isArrayLikeObject(value) {
      return isObjectLike(value) && isArrayLike(value);
    }
    function isFunction(value) {
      var tag = isObject2(value) ? objectToString.call(value) : "";
      return tag == funcTag || tag == genTag;
    }
    function isLength(value) {
      return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
    }
    function isObject2(value) {
      var type = typeof value;
      return !!value && (type == "object" || type == "function");
    }
    function isObjectLike(value) {
      return !!value && typeof value == "object";
    }
    module2.exports = isArguments;
  }
});

// ../node_modules/ioredis/built/utils/lodash.js
var require_lodash3 = __commonJS({
  "../node_modules/ioredis/built/utils/lodash.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.isArguments = exports2.defaults = exports2.noop = void 0;
    var defaults = require_lodash();
    exports2.defaults = defaults;
    var isArguments = require_lodash2();
    exports2.isArguments = isArguments;
    function noop() {
    }
    exports2.noop = noop;
  }
});

// ../node_modules/ms/index.js
var require_ms = __commonJS({
  "../node_modules/ms/index.js"(exports2, module2) {
    "use strict";
    var s = 1e3;
    var m = s * 60;
    var h = m * 60;
    var d = h * 24;
    var w = d * 7;
    var y = d * 365.25;
    module2.exports = function(val, options) {
      options = options || {};
      var type = typeof val;
      if (type === "string" && val.length > 0) {
        return parse(val);
      } else if (type === "number" && isFinite(val)) {
        return options.long ? fmtLong(val) : fmtShort(val);
      }
      throw new Error(
        "val is not a non-empty string or a valid number. val=" + JSON.stringify(val)
      );
    };
    function parse(str2) {
      str2 = String(str2);
      if (str2.length > 100) {
        return;
      }
      var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
        str2
      );
      if (!match) {
        return;
      }
      var n = parseFloat(match[1]);
      var type = (match[2] || "ms").toLowerCase();
      switch (type) {
        case "years":
        case "year":
        case "yrs":
        case "yr":
        case "y":
          return n * y;
        case "weeks":
        case "week":
        case "w":
          return n * w;
        case "days":
        case "day":
        case "d":
          return n * d;
        case "hours":
        case "hour":
        case "hrs":
        case "hr":
        case "h":
          return n * h;
        case "minutes":
        case "minute":
        case "mins":
        case "min":
        case "m":
          return n * m;
        case "seconds":
        case "second":
        case "secs":
        case "sec":
        case "s":
          return n * s;
        case "milliseconds":
        case "millisecond":
        case "msecs":
        case "msec":
        case "ms":
          return n;
        default:
          return void 0;
      }
    }
    function fmtShort(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return Math.round(ms / d) + "d";
      }
      if (msAbs >= h) {
        return Math.round(ms / h) + "h";
      }
      if (msAbs >= m) {
        return Math.round(ms / m) + "m";
      }
      if (msAbs >= s) {
        return Math.round(ms / s) + "s";
      }
      return ms + "ms";
    }
    function fmtLong(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return plural(ms, msAbs, d, "day");
      }
      if (msAbs >= h) {
        return plural(ms, msAbs, h, "hour");
      }
      if (msAbs >= m) {
        return plural(ms, msAbs, m, "minute");
      }
      if (msAbs >= s) {
        return plural(ms, msAbs, s, "second");
      }
      return ms + " ms";
    }
    function plural(ms, msAbs, n, name) {
      var isPlural = msAbs >= n * 1.5;
      return Math.round(ms / n) + " " + name + (isPlural ? "s" : "");
    }
  }
});

// ../node_modules/debug/src/common.js
var require_common = __commonJS({
  "../node_modules/debug/src/common.js"(exports2, module2) {
    "use strict";
    function setup(env) {
      createDebug.debug = createDebug;
      createDebug.default = createDebug;
      createDebug.coerce = coerce;
      createDebug.disable = disable;
      createDebug.enable = enable;
      createDebug.enabled = enabled;
      createDebug.humanize = require_ms();
      createDebug.destroy = destroy;
      Object.keys(env).forEach((key) => {
        createDebug[key] = env[key];
      });
      createDebug.names = [];
      createDebug.skips = [];
      createDebug.formatters = {};
      function selectColor(namespace) {
        let hash2 = 0;
        for (let i = 0; i < namespace.length; i++) {
          hash2 = (hash2 << 5) - hash2 + namespace.charCodeAt(i);
          hash2 |= 0;
        }
        return createDebug.colors[Math.abs(hash2) % createDebug.colors.length];
      }
      createDebug.selectColor = selectColor;
      function createDebug(namespace) {
        let prevTime;
        let enableOverride = null;
        let namespacesCache;
        let enabledCache;
        function debug(...args) {
          if (!debug.enabled) {
            return;
          }
          const self2 = debug;
          const curr = Number(/* @__PURE__ */ new Date());
          const ms = curr - (prevTime || curr);
          self2.diff = ms;
          self2.prev = prevTime;
          self2.curr = curr;
          prevTime = curr;
          args[0] = createDebug.coerce(args[0]);
          if (typeof args[0] !== "string") {
            args.unshift("%O");
          }
          let index = 0;
          args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
            if (match === "%%") {
              return "%";
            }
            index++;
            const formatter = createDebug.formatters[format];
            if (typeof formatter === "function") {
              const val = args[index];
              match = formatter.call(self2, val);
              args.splice(index, 1);
              index--;
            }
            return match;
          });
          createDebug.formatArgs.call(self2, args);
          const logFn = self2.log || createDebug.log;
          logFn.apply(self2, args);
        }
        debug.namespace = namespace;
        debug.useColors = createDebug.useColors();
        debug.color = createDebug.selectColor(namespace);
        debug.extend = extend;
        debug.destroy = createDebug.destroy;
        Object.defineProperty(debug, "enabled", {
          enumerable: true,
          configurable: false,
          get: () => {
            if (enableOverride !== null) {
              return enableOverride;
            }
            if (namespacesCache !== createDebug.namespaces) {
              namespacesCache = createDebug.namespaces;
              enabledCache = createDebug.enabled(namespace);
            }
            return enabledCache;
          },
          set: (v) => {
            enableOverride = v;
          }
        });
        if (typeof createDebug.init === "function") {
          createDebug.init(debug);
        }
        return debug;
      }
      function extend(namespace, delimiter) {
        const newDebug = createDebug(this.namespace + (typeof delimiter === "undefined" ? ":" : delimiter) + namespace);
        newDebug.log = this.log;
        return newDebug;
      }
      function enable(namespaces) {
        createDebug.save(namespaces);
        createDebug.namespaces = namespaces;
        createDebug.names = [];
        createDebug.skips = [];
        const split = (typeof namespaces === "string" ? namespaces : "").trim().replace(/\s+/g, ",").split(",").filter(Boolean);
        for (const ns of split) {
          if (ns[0] === "-") {
            createDebug.skips.push(ns.slice(1));
          } else {
            createDebug.names.push(ns);
          }
        }
      }
      function matchesTemplate(search, template) {
        let searchIndex = 0;
        let templateIndex = 0;
        let starIndex = -1;
        let matchIndex = 0;
        while (searchIndex < search.length) {
          if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === "*")) {
            if (template[templateIndex] === "*") {
              starIndex = templateIndex;
              matchIndex = searchIndex;
              templateIndex++;
            } else {
              searchIndex++;
              templateIndex++;
            }
          } else if (starIndex !== -1) {
            templateIndex = starIndex + 1;
            matchIndex++;
            searchIndex = matchIndex;
          } else {
            return false;
          }
        }
        while (templateIndex < template.length && template[templateIndex] === "*") {
          templateIndex++;
        }
        return templateIndex === template.length;
      }
      function disable() {
        const namespaces = [
          ...createDebug.names,
          ...createDebug.skips.map((namespace) => "-" + namespace)
        ].join(",");
        createDebug.enable("");
        return namespaces;
      }
      function enabled(name) {
        for (const skip of createDebug.skips) {
          if (matchesTemplate(name, skip)) {
            return false;
          }
        }
        for (const ns of createDebug.names) {
          if (matchesTemplate(name, ns)) {
            return true;
          }
        }
        return false;
      }
      function coerce(val) {
        if (val instanceof Error) {
          return val.stack || val.message;
        }
        return val;
      }
      function destroy() {
        console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
      }
      createDebug.enable(createDebug.load());
      return createDebug;
    }
    module2.exports = setup;
  }
});

// ../node_modules/debug/src/browser.js
var require_browser = __commonJS({
  "../node_modules/debug/src/browser.js"(exports2, module2) {
    "use strict";
    exports2.formatArgs = formatArgs;
    exports2.save = save;
    exports2.load = load;
    exports2.useColors = useColors;
    exports2.storage = localstorage();
    exports2.destroy = /* @__PURE__ */ (() => {
      let warned2 = false;
      return () => {
        if (!warned2) {
          warned2 = true;
          console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
        }
      };
    })();
    exports2.colors = [
      "#0000CC",
      "#0000FF",
      "#0033CC",
      "#0033FF",
      "#0066CC",
      "#0066FF",
      "#0099CC",
      "#0099FF",
      "#00CC00",
      "#00CC33",
      "#00CC66",
      "#00CC99",
      "#00CCCC",
      "#00CCFF",
      "#3300CC",
      "#3300FF",
      "#3333CC",
      "#3333FF",
      "#3366CC",
      "#3366FF",
      "#3399CC",
      "#3399FF",
      "#33CC00",
      "#33CC33",
      "#33CC66",
      "#33CC99",
      "#33CCCC",
      "#33CCFF",
      "#6600CC",
      "#6600FF",
      "#6633CC",
      "#6633FF",
      "#66CC00",
      "#66CC33",
      "#9900CC",
      "#9900FF",
      "#9933CC",
      "#9933FF",
      "#99CC00",
      "#99CC33",
      "#CC0000",
      "#CC0033",
      "#CC0066",
      "#CC0099",
      "#CC00CC",
      "#CC00FF",
      "#CC3300",
      "#CC3333",
      "#CC3366",
      "#CC3399",
      "#CC33CC",
      "#CC33FF",
      "#CC6600",
      "#CC6633",
      "#CC9900",
      "#CC9933",
      "#CCCC00",
      "#CCCC33",
      "#FF0000",
      "#FF0033",
      "#FF0066",
      "#FF0099",
      "#FF00CC",
      "#FF00FF",
      "#FF3300",
      "#FF3333",
      "#FF3366",
      "#FF3399",
      "#FF33CC",
      "#FF33FF",
      "#FF6600",
      "#FF6633",
      "#FF9900",
      "#FF9933",
      "#FFCC00",
      "#FFCC33"
    ];
    function useColors() {
      if (typeof window !== "undefined" && window.process && (window.process.type === "renderer" || window.process.__nwjs)) {
        return true;
      }
      if (typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
        return false;
      }
      let m;
      return typeof document !== "undefined" && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance || // Is firebug? http://stackoverflow.com/a/398120/376773
      typeof window !== "undefined" && window.console && (window.console.firebug || window.console.exception && window.console.table) || // Is firefox >= v31?
      // https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
      typeof navigator !== "undefined" && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31 || // Double check webkit in userAgent just in case we are in a worker
      typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/);
    }
    function formatArgs(args) {
      args[0] = (this.useColors ? "%c" : "") + this.namespace + (this.useColors ? " %c" : " ") + args[0] + (this.useColors ? "%c " : " ") + "+" + module2.exports.humanize(this.diff);
      if (!this.useColors) {
        return;
      }
      const c = "color: " + this.color;
      args.splice(1, 0, c, "color: inherit");
      let index = 0;
      let lastC = 0;
      args[0].replace(/%[a-zA-Z%]/g, (match) => {
        if (match === "%%") {
          return;
        }
        index++;
        if (match === "%c") {
          lastC = index;
        }
      });
      args.splice(lastC, 0, c);
    }
    exports2.log = console.debug || console.log || (() => {
    });
    function save(namespaces) {
      try {
        if (namespaces) {
          exports2.storage.setItem("debug", namespaces);
        } else {
          exports2.storage.removeItem("debug");
        }
      } catch (error) {
      }
    }
    function load() {
      let r;
      try {
        r = exports2.storage.getItem("debug") || exports2.storage.getItem("DEBUG");
      } catch (error) {
      }
      if (!r && typeof process !== "undefined" && "env" in process) {
        r = process.env.DEBUG;
      }
      return r;
    }
    function localstorage() {
      try {
        return localStorage;
      } catch (error) {
      }
    }
    module2.exports = require_common()(exports2);
    var { formatters } = module2.exports;
    formatters.j = function(v) {
      try {
        return JSON.stringify(v);
      } catch (error) {
        return "[UnexpectedJSONParseError]: " + error.message;
      }
    };
  }
});

// ../node_modules/debug/src/node.js
var require_node = __commonJS({
  "../node_modules/debug/src/node.js"(exports2, module2) {
    "use strict";
    var tty = require("tty");
    var util = require("util");
    exports2.init = init;
    exports2.log = log2;
    exports2.formatArgs = formatArgs;
    exports2.save = save;
    exports2.load = load;
    exports2.useColors = useColors;
    exports2.destroy = util.deprecate(
      () => {
      },
      "Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`."
    );
    exports2.colors = [6, 2, 3, 4, 5, 1];
    try {
      const supportsColor = require("supports-color");
      if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
        exports2.colors = [
          20,
          21,
          26,
          27,
          32,
          33,
          38,
          39,
          40,
          41,
          42,
          43,
          44,
          45,
          56,
          57,
          62,
          63,
          68,
          69,
          74,
          75,
          76,
          77,
          78,
          79,
          80,
          81,
          92,
          93,
          98,
          99,
          112,
          113,
          128,
          129,
          134,
          135,
          148,
          149,
          160,
          161,
          162,
          163,
          164,
          165,
          166,
          167,
          168,
          169,
          170,
          171,
          172,
          173,
          178,
          179,
          184,
          185,
          196,
          197,
          198,
          199,
          200,
          201,
          202,
          203,
          204,
          205,
          206,
          207,
          208,
          209,
          214,
          215,
          220,
          221
        ];
      }
    } catch (error) {
    }
    exports2.inspectOpts = Object.keys(process.env).filter((key) => {
      return /^debug_/i.test(key);
    }).reduce((obj, key) => {
      const prop = key.substring(6).toLowerCase().replace(/_([a-z])/g, (_, k) => {
        return k.toUpperCase();
      });
      let val = process.env[key];
      if (/^(yes|on|true|enabled)$/i.test(val)) {
        val = true;
      } else if (/^(no|off|false|disabled)$/i.test(val)) {
        val = false;
      } else if (val === "null") {
        val = null;
      } else {
        val = Number(val);
      }
      obj[prop] = val;
      return obj;
    }, {});
    function useColors() {
      return "colors" in exports2.inspectOpts ? Boolean(exports2.inspectOpts.colors) : tty.isatty(process.stderr.fd);
    }
    function formatArgs(args) {
      const { namespace: name, useColors: useColors2 } = this;
      if (useColors2) {
        const c = this.color;
        const colorCode = "\x1B[3" + (c < 8 ? c : "8;5;" + c);
        const prefix = `  ${colorCode};1m${name} \x1B[0m`;
        args[0] = prefix + args[0].split("\n").join("\n" + prefix);
        args.push(colorCode + "m+" + module2.exports.humanize(this.diff) + "\x1B[0m");
      } else {
        args[0] = getDate() + name + " " + args[0];
      }
    }
    function getDate() {
      if (exports2.inspectOpts.hideDate) {
        return "";
      }
      return (/* @__PURE__ */ new Date()).toISOString() + " ";
    }
    function log2(...args) {
      return process.stderr.write(util.formatWithOptions(exports2.inspectOpts, ...args) + "\n");
    }
    function save(namespaces) {
      if (namespaces) {
        process.env.DEBUG = namespaces;
      } else {
        delete process.env.DEBUG;
      }
    }
    function load() {
      return process.env.DEBUG;
    }
    function init(debug) {
      debug.inspectOpts = {};
      const keys = Object.keys(exports2.inspectOpts);
      for (let i = 0; i < keys.length; i++) {
        debug.inspectOpts[keys[i]] = exports2.inspectOpts[keys[i]];
      }
    }
    module2.exports = require_common()(exports2);
    var { formatters } = module2.exports;
    formatters.o = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts).split("\n").map((str2) => str2.trim()).join(" ");
    };
    formatters.O = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts);
    };
  }
});

// ../node_modules/debug/src/index.js
var require_src = __commonJS({
  "../node_modules/debug/src/index.js"(exports2, module2) {
    "use strict";
    if (typeof process === "undefined" || process.type === "renderer" || process.browser === true || process.__nwjs) {
      module2.exports = require_browser();
    } else {
      module2.exports = require_node();
    }
  }
});

// ../node_modules/ioredis/built/utils/debug.js
var require_debug = __commonJS({
  "../node_modules/ioredis/built/utils/debug.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.genRedactedString = exports2.getStringValue = exports2.MAX_ARGUMENT_LENGTH = void 0;
    var debug_1 = require_src();
    var MAX_ARGUMENT_LENGTH = 200;
    exports2.MAX_ARGUMENT_LENGTH = MAX_ARGUMENT_LENGTH;
    var NAMESPACE_PREFIX = "ioredis";
    function getStringValue(v) {
      if (v === null) {
        return;
      }
      switch (typeof v) {
        case "boolean":
          return;
        case "number":
          return;
        case "object":
          if (Buffer.isBuffer(v)) {
            return v.toString("hex");
          }
          if (Array.isArray(v)) {
            return v.join(",");
          }
          try {
            return JSON.stringify(v);
          } catch (e) {
            return;
          }
        case "string":
          return v;
      }
    }
    exports2.getStringValue = getStringValue;
    function genRedactedString(str2, maxLen) {
      const { length } = str2;
      return length <= maxLen ? str2 : str2.slice(0, maxLen) + ' ... <REDACTED full-length="' + length + '">';
    }
    exports2.genRedactedString = genRedactedString;
    function genDebugFunction(namespace) {
      const fn = (0, debug_1.default)(`${NAMESPACE_PREFIX}:${namespace}`);
      function wrappedDebug(...args) {
        if (!fn.enabled) {
          return;
        }
        for (let i = 1; i < args.length; i++) {
          const str2 = getStringValue(args[i]);
          if (typeof str2 === "string" && str2.length > MAX_ARGUMENT_LENGTH) {
            args[i] = genRedactedString(str2, MAX_ARGUMENT_LENGTH);
          }
        }
        return fn.apply(null, args);
      }
      Object.defineProperties(wrappedDebug, {
        namespace: {
          get() {
            return fn.namespace;
          }
        },
        enabled: {
          get() {
            return fn.enabled;
          }
        },
        destroy: {
          get() {
            return fn.destroy;
          }
        },
        log: {
          get() {
            return fn.log;
          },
          set(l) {
            fn.log = l;
          }
        }
      });
      return wrappedDebug;
    }
    exports2.default = genDebugFunction;
  }
});

// ../node_modules/ioredis/built/constants/TLSProfiles.js
var require_TLSProfiles = __commonJS({
  "../node_modules/ioredis/built/constants/TLSProfiles.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var RedisCloudCA = `-----BEGIN CERTIFICATE-----
MIIDTzCCAjegAwIBAgIJAKSVpiDswLcwMA0GCSqGSIb3DQEBBQUAMD4xFjAUBgNV
BAoMDUdhcmFudGlhIERhdGExJDAiBgNVBAMMG1NTTCBDZXJ0aWZpY2F0aW9uIEF1
dGhvcml0eTAeFw0xMzEwMDExMjE0NTVaFw0yMzA5MjkxMjE0NTVaMD4xFjAUBgNV
BAoMDUdhcmFudGlhIERhdGExJDAiBgNVBAMMG1NTTCBDZXJ0aWZpY2F0aW9uIEF1
dGhvcml0eTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALZqkh/DczWP
JnxnHLQ7QL0T4B4CDKWBKCcisriGbA6ZePWVNo4hfKQC6JrzfR+081NeD6VcWUiz
rmd+jtPhIY4c+WVQYm5PKaN6DT1imYdxQw7aqO5j2KUCEh/cznpLxeSHoTxlR34E
QwF28Wl3eg2vc5ct8LjU3eozWVk3gb7alx9mSA2SgmuX5lEQawl++rSjsBStemY2
BDwOpAMXIrdEyP/cVn8mkvi/BDs5M5G+09j0gfhyCzRWMQ7Hn71u1eolRxwVxgi3
TMn+/vTaFSqxKjgck6zuAYjBRPaHe7qLxHNr1So/Mc9nPy+3wHebFwbIcnUojwbp
4nctkWbjb2cCAwEAAaNQME4wHQYDVR0OBBYEFP1whtcrydmW3ZJeuSoKZIKjze3w
MB8GA1UdIwQYMBaAFP1whtcrydmW3ZJeuSoKZIKjze3wMAwGA1UdEwQFMAMBAf8w
DQYJKoZIhvcNAQEFBQADggEBAG2erXhwRAa7+ZOBs0B6X57Hwyd1R4kfmXcs0rta
lbPpvgULSiB+TCbf3EbhJnHGyvdCY1tvlffLjdA7HJ0PCOn+YYLBA0pTU/dyvrN6
Su8NuS5yubnt9mb13nDGYo1rnt0YRfxN+8DM3fXIVr038A30UlPX2Ou1ExFJT0MZ
uFKY6ZvLdI6/1cbgmguMlAhM+DhKyV6Sr5699LM3zqeI816pZmlREETYkGr91q7k
BpXJu/dtHaGxg1ZGu6w/PCsYGUcECWENYD4VQPd8N32JjOfu6vEgoEAwfPP+3oGp
Z4m3ewACcWOAenqflb+cQYC4PsF7qbXDmRaWrbKntOlZ3n0=
-----END CERTIFICATE-----
-----BEGIN CERTIFICATE-----
MIIGMTCCBBmgAwIBAgICEAAwDQYJKoZIhvcNAQELBQAwajELMAkGA1UEBhMCVVMx
CzAJBgNVBAgMAkNBMQswCQYDVQQHDAJDQTESMBAGA1UECgwJUmVkaXNMYWJzMS0w
KwYDVQQDDCRSZWRpc0xhYnMgUm9vdCBDZXJ0aWZpY2F0ZSBBdXRob3JpdHkwHhcN
MTgwMjI1MTUzNzM3WhcNMjgwMjIzMTUzNzM3WjBfMQswCQYDVQQGEwJVUzELMAkG
A1UECAwCQ0ExEjAQBgNVBAoMCVJlZGlzTGFiczEvMC0GA1UEAwwmUkNQIEludGVy
bWVkaWF0ZSBDZXJ0aWZpY2F0ZSBBdXRob3JpdHkwggIiMA0GCSqGSIb3DQEBAQUA
A4ICDwAwggIKAoICAQDf9dqbxc8Bq7Ctq9rWcxrGNKKHivqLAFpPq02yLPx6fsOv
Tq7GsDChAYBBc4v7Y2Ap9RD5Vs3dIhEANcnolf27QwrG9RMnnvzk8pCvp1o6zSU4
VuOE1W66/O1/7e2rVxyrnTcP7UgK43zNIXu7+tiAqWsO92uSnuMoGPGpeaUm1jym
hjWKtkAwDFSqvHY+XL5qDVBEjeUe+WHkYUg40cAXjusAqgm2hZt29c2wnVrxW25W
P0meNlzHGFdA2AC5z54iRiqj57dTfBTkHoBczQxcyw6hhzxZQ4e5I5zOKjXXEhZN
r0tA3YC14CTabKRus/JmZieyZzRgEy2oti64tmLYTqSlAD78pRL40VNoaSYetXLw
hhNsXCHgWaY6d5bLOc/aIQMAV5oLvZQKvuXAF1IDmhPA+bZbpWipp0zagf1P1H3s
UzsMdn2KM0ejzgotbtNlj5TcrVwpmvE3ktvUAuA+hi3FkVx1US+2Gsp5x4YOzJ7u
P1WPk6ShF0JgnJH2ILdj6kttTWwFzH17keSFICWDfH/+kM+k7Y1v3EXMQXE7y0T9
MjvJskz6d/nv+sQhY04xt64xFMGTnZjlJMzfQNi7zWFLTZnDD0lPowq7l3YiPoTT
t5Xky83lu0KZsZBo0WlWaDG00gLVdtRgVbcuSWxpi5BdLb1kRab66JptWjxwXQID
AQABo4HrMIHoMDoGA1UdHwQzMDEwL6AtoCuGKWh0dHBzOi8vcmwtY2Etc2VydmVy
LnJlZGlzbGFicy5jb20vdjEvY3JsMEYGCCsGAQUFBwEBBDowODA2BggrBgEFBQcw
AYYqaHR0cHM6Ly9ybC1jYS1zZXJ2ZXIucmVkaXNsYWJzLmNvbS92MS9vY3NwMB0G
A1UdDgQWBBQHar5OKvQUpP2qWt6mckzToeCOHDAfBgNVHSMEGDAWgBQi42wH6hM4
L2sujEvLM0/u8lRXTzASBgNVHRMBAf8ECDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIB
hjANBgkqhkiG9w0BAQsFAAOCAgEAirEn/iTsAKyhd+pu2W3Z5NjCko4NPU0EYUbr
AP7+POK2rzjIrJO3nFYQ/LLuC7KCXG+2qwan2SAOGmqWst13Y+WHp44Kae0kaChW
vcYLXXSoGQGC8QuFSNUdaeg3RbMDYFT04dOkqufeWVccoHVxyTSg9eD8LZuHn5jw
7QDLiEECBmIJHk5Eeo2TAZrx4Yx6ufSUX5HeVjlAzqwtAqdt99uCJ/EL8bgpWbe+
XoSpvUv0SEC1I1dCAhCKAvRlIOA6VBcmzg5Am12KzkqTul12/VEFIgzqu0Zy2Jbc
AUPrYVu/+tOGXQaijy7YgwH8P8n3s7ZeUa1VABJHcxrxYduDDJBLZi+MjheUDaZ1
jQRHYevI2tlqeSBqdPKG4zBY5lS0GiAlmuze5oENt0P3XboHoZPHiqcK3VECgTVh
/BkJcuudETSJcZDmQ8YfoKfBzRQNg2sv/hwvUv73Ss51Sco8GEt2lD8uEdib1Q6z
zDT5lXJowSzOD5ZA9OGDjnSRL+2riNtKWKEqvtEG3VBJoBzu9GoxbAc7wIZLxmli
iF5a/Zf5X+UXD3s4TMmy6C4QZJpAA2egsSQCnraWO2ULhh7iXMysSkF/nzVfZn43
iqpaB8++9a37hWq14ZmOv0TJIDz//b2+KC4VFXWQ5W5QC6whsjT+OlG4p5ZYG0jo
616pxqo=
-----END CERTIFICATE-----
-----BEGIN CERTIFICATE-----
MIIFujCCA6KgAwIBAgIJAJ1aTT1lu2ScMA0GCSqGSIb3DQEBCwUAMGoxCzAJBgNV
BAYTAlVTMQswCQYDVQQIDAJDQTELMAkGA1UEBwwCQ0ExEjAQBgNVBAoMCVJlZGlz
TGFiczEtMCsGA1UEAwwkUmVkaXNMYWJzIFJvb3QgQ2VydGlmaWNhdGUgQXV0aG9y
aXR5MB4XDTE4MDIyNTE1MjA0MloXDTM4MDIyMDE1MjA0MlowajELMAkGA1UEBhMC
VVMxCzAJBgNVBAgMAkNBMQswCQYDVQQHDAJDQTESMBAGA1UECgwJUmVkaXNMYWJz
MS0wKwYDVQQDDCRSZWRpc0xhYnMgUm9vdCBDZXJ0aWZpY2F0ZSBBdXRob3JpdHkw
ggIiMA0GCSqGSIb3DQEBAQUAA4ICDwAwggIKAoICAQDLEjXy7YrbN5Waau5cd6g1
G5C2tMmeTpZ0duFAPxNU4oE3RHS5gGiok346fUXuUxbZ6QkuzeN2/2Z+RmRcJhQY
Dm0ZgdG4x59An1TJfnzKKoWj8ISmoHS/TGNBdFzXV7FYNLBuqZouqePI6ReC6Qhl
pp45huV32Q3a6IDrrvx7Wo5ZczEQeFNbCeCOQYNDdTmCyEkHqc2AGo8eoIlSTutT
ULOC7R5gzJVTS0e1hesQ7jmqHjbO+VQS1NAL4/5K6cuTEqUl+XhVhPdLWBXJQ5ag
54qhX4v+ojLzeU1R/Vc6NjMvVtptWY6JihpgplprN0Yh2556ewcXMeturcKgXfGJ
xeYzsjzXerEjrVocX5V8BNrg64NlifzTMKNOOv4fVZszq1SIHR8F9ROrqiOdh8iC
JpUbLpXH9hWCSEO6VRMB2xJoKu3cgl63kF30s77x7wLFMEHiwsQRKxooE1UhgS9K
2sO4TlQ1eWUvFvHSTVDQDlGQ6zu4qjbOpb3Q8bQwoK+ai2alkXVR4Ltxe9QlgYK3
StsnPhruzZGA0wbXdpw0bnM+YdlEm5ffSTpNIfgHeaa7Dtb801FtA71ZlH7A6TaI
SIQuUST9EKmv7xrJyx0W1pGoPOLw5T029aTjnICSLdtV9bLwysrLhIYG5bnPq78B
cS+jZHFGzD7PUVGQD01nOQIDAQABo2MwYTAdBgNVHQ4EFgQUIuNsB+oTOC9rLoxL
yzNP7vJUV08wHwYDVR0jBBgwFoAUIuNsB+oTOC9rLoxLyzNP7vJUV08wDwYDVR0T
AQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAYYwDQYJKoZIhvcNAQELBQADggIBAHfg
z5pMNUAKdMzK1aS1EDdK9yKz4qicILz5czSLj1mC7HKDRy8cVADUxEICis++CsCu
rYOvyCVergHQLREcxPq4rc5Nq1uj6J6649NEeh4WazOOjL4ZfQ1jVznMbGy+fJm3
3Hoelv6jWRG9iqeJZja7/1s6YC6bWymI/OY1e4wUKeNHAo+Vger7MlHV+RuabaX+
hSJ8bJAM59NCM7AgMTQpJCncrcdLeceYniGy5Q/qt2b5mJkQVkIdy4TPGGB+AXDJ
D0q3I/JDRkDUFNFdeW0js7fHdsvCR7O3tJy5zIgEV/o/BCkmJVtuwPYOrw/yOlKj
TY/U7ATAx9VFF6/vYEOMYSmrZlFX+98L6nJtwDqfLB5VTltqZ4H/KBxGE3IRSt9l
FXy40U+LnXzhhW+7VBAvyYX8GEXhHkKU8Gqk1xitrqfBXY74xKgyUSTolFSfFVgj
mcM/X4K45bka+qpkj7Kfv/8D4j6aZekwhN2ly6hhC1SmQ8qjMjpG/mrWOSSHZFmf
ybu9iD2AYHeIOkshIl6xYIa++Q/00/vs46IzAbQyriOi0XxlSMMVtPx0Q3isp+ji
n8Mq9eOuxYOEQ4of8twUkUDd528iwGtEdwf0Q01UyT84S62N8AySl1ZBKXJz6W4F
UhWfa/HQYOAPDdEjNgnVwLI23b8t0TozyCWw7q8h
-----END CERTIFICATE-----

-----BEGIN CERTIFICATE-----
MIIEjzCCA3egAwIBAgIQe55B/ALCKJDZtdNT8kD6hTANBgkqhkiG9w0BAQsFADBM
MSAwHgYDVQQLExdHbG9iYWxTaWduIFJvb3QgQ0EgLSBSMzETMBEGA1UEChMKR2xv
YmFsU2lnbjETMBEGA1UEAxMKR2xvYmFsU2lnbjAeFw0yMjAxMjYxMjAwMDBaFw0y
NTAxMjYwMDAwMDBaMFgxCzAJBgNVBAYTAkJFMRkwFwYDVQQKExBHbG9iYWxTaWdu
IG52LXNhMS4wLAYDVQQDEyVHbG9iYWxTaWduIEF0bGFzIFIzIE9WIFRMUyBDQSAy
MDIyIFEyMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmGmg1LW9b7Lf
8zDD83yBDTEkt+FOxKJZqF4veWc5KZsQj9HfnUS2e5nj/E+JImlGPsQuoiosLuXD
BVBNAMcUFa11buFMGMeEMwiTmCXoXRrXQmH0qjpOfKgYc5gHG3BsRGaRrf7VR4eg
ofNMG9wUBw4/g/TT7+bQJdA4NfE7Y4d5gEryZiBGB/swaX6Jp/8MF4TgUmOWmalK
dZCKyb4sPGQFRTtElk67F7vU+wdGcrcOx1tDcIB0ncjLPMnaFicagl+daWGsKqTh
counQb6QJtYHa91KvCfKWocMxQ7OIbB5UARLPmC4CJ1/f8YFm35ebfzAeULYdGXu
jE9CLor0OwIDAQABo4IBXzCCAVswDgYDVR0PAQH/BAQDAgGGMB0GA1UdJQQWMBQG
CCsGAQUFBwMBBggrBgEFBQcDAjASBgNVHRMBAf8ECDAGAQH/AgEAMB0GA1UdDgQW
BBSH5Zq7a7B/t95GfJWkDBpA8HHqdjAfBgNVHSMEGDAWgBSP8Et/qC5FJK5NUPpj
move4t0bvDB7BggrBgEFBQcBAQRvMG0wLgYIKwYBBQUHMAGGImh0dHA6Ly9vY3Nw
Mi5nbG9iYWxzaWduLmNvbS9yb290cjMwOwYIKwYBBQUHMAKGL2h0dHA6Ly9zZWN1
cmUuZ2xvYmFsc2lnbi5jb20vY2FjZXJ0L3Jvb3QtcjMuY3J0MDYGA1UdHwQvMC0w
K6ApoCeGJWh0dHA6Ly9jcmwuZ2xvYmFsc2lnbi5jb20vcm9vdC1yMy5jcmwwIQYD
VR0gBBowGDAIBgZngQwBAgIwDAYKKwYBBAGgMgoBAjANBgkqhkiG9w0BAQsFAAOC
AQEAKRic9/f+nmhQU/wz04APZLjgG5OgsuUOyUEZjKVhNGDwxGTvKhyXGGAMW2B/
3bRi+aElpXwoxu3pL6fkElbX3B0BeS5LoDtxkyiVEBMZ8m+sXbocwlPyxrPbX6mY
0rVIvnuUeBH8X0L5IwfpNVvKnBIilTbcebfHyXkPezGwz7E1yhUULjJFm2bt0SdX
y+4X/WeiiYIv+fTVgZZgl+/2MKIsu/qdBJc3f3TvJ8nz+Eax1zgZmww+RSQWeOj3
15Iw6Z5FX+NwzY/Ab+9PosR5UosSeq+9HhtaxZttXG1nVh+avYPGYddWmiMT90J5
ZgKnO/Fx2hBgTxhOTMYaD312kg==
-----END CERTIFICATE-----

-----BEGIN CERTIFICATE-----
MIIDXzCCAkegAwIBAgILBAAAAAABIVhTCKIwDQYJKoZIhvcNAQELBQAwTDEgMB4G
A1UECxMXR2xvYmFsU2lnbiBSb290IENBIC0gUjMxEzARBgNVBAoTCkdsb2JhbFNp
Z24xEzARBgNVBAMTCkdsb2JhbFNpZ24wHhcNMDkwMzE4MTAwMDAwWhcNMjkwMzE4
MTAwMDAwWjBMMSAwHgYDVQQLExdHbG9iYWxTaWduIFJvb3QgQ0EgLSBSMzETMBEG
A1UEChMKR2xvYmFsU2lnbjETMBEGA1UEAxMKR2xvYmFsU2lnbjCCASIwDQYJKoZI
hvcNAQEBBQADggEPADCCAQoCggEBAMwldpB5BngiFvXAg7aEyiie/QV2EcWtiHL8
RgJDx7KKnQRfJMsuS+FggkbhUqsMgUdwbN1k0ev1LKMPgj0MK66X17YUhhB5uzsT
gHeMCOFJ0mpiLx9e+pZo34knlTifBtc+ycsmWQ1z3rDI6SYOgxXG71uL0gRgykmm
KPZpO/bLyCiR5Z2KYVc3rHQU3HTgOu5yLy6c+9C7v/U9AOEGM+iCK65TpjoWc4zd
QQ4gOsC0p6Hpsk+QLjJg6VfLuQSSaGjlOCZgdbKfd/+RFO+uIEn8rUAVSNECMWEZ
XriX7613t2Saer9fwRPvm2L7DWzgVGkWqQPabumDk3F2xmmFghcCAwEAAaNCMEAw
DgYDVR0PAQH/BAQDAgEGMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFI/wS3+o
LkUkrk1Q+mOai97i3Ru8MA0GCSqGSIb3DQEBCwUAA4IBAQBLQNvAUKr+yAzv95ZU
RUm7lgAJQayzE4aGKAczymvmdLm6AC2upArT9fHxD4q/c2dKg8dEe3jgr25sbwMp
jjM5RcOO5LlXbKr8EpbsU8Yt5CRsuZRj+9xTaGdWPoO4zzUhw8lo/s7awlOqzJCK
6fBdRoyV3XpYKBovHd7NADdBj+1EbddTKJd+82cEHhXXipa0095MJ6RMG3NzdvQX
mcIfeg7jLQitChws/zyrVQ4PkX4268NXSb7hLi18YIvDQVETI53O9zJrlAGomecs
Mx86OyXShkDOOyyGeMlhLxS67ttVb9+E7gUJTb0o2HLO02JQZR7rkpeDMdmztcpH
WD9f
-----END CERTIFICATE-----`;
    var TLSProfiles = {
      RedisCloudFixed: { ca: RedisCloudCA },
      RedisCloudFlexible: { ca: RedisCloudCA }
    };
    exports2.default = TLSProfiles;
  }
});

// ../node_modules/ioredis/built/utils/index.js
var require_utils4 = __commonJS({
  "../node_modules/ioredis/built/utils/index.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.noop = exports2.defaults = exports2.Debug = exports2.getPackageMeta = exports2.zipMap = exports2.CONNECTION_CLOSED_ERROR_MSG = exports2.shuffle = exports2.sample = exports2.resolveTLSProfile = exports2.parseURL = exports2.optimizeErrorStack = exports2.toArg = exports2.convertMapToArray = exports2.convertObjectToArray = exports2.timeout = exports2.packObject = exports2.isInt = exports2.wrapMultiResult = exports2.convertBufferToString = void 0;
    var fs_1 = require("fs");
    var path_1 = require("path");
    var url_1 = require("url");
    var lodash_1 = require_lodash3();
    Object.defineProperty(exports2, "defaults", { enumerable: true, get: function() {
      return lodash_1.defaults;
    } });
    Object.defineProperty(exports2, "noop", { enumerable: true, get: function() {
      return lodash_1.noop;
    } });
    var debug_1 = require_debug();
    exports2.Debug = debug_1.default;
    var TLSProfiles_1 = require_TLSProfiles();
    function convertBufferToString(value, encoding) {
      if (value instanceof Buffer) {
        return value.toString(encoding);
      }
      if (Array.isArray(value)) {
        const length = value.length;
        const res = Array(length);
        for (let i = 0; i < length; ++i) {
          res[i] = value[i] instanceof Buffer && encoding === "utf8" ? value[i].toString() : convertBufferToString(value[i], encoding);
        }
        return res;
      }
      return value;
    }
    exports2.convertBufferToString = convertBufferToString;
    function wrapMultiResult(arr) {
      if (!arr) {
        return null;
      }
      const result = [];
      const length = arr.length;
      for (let i = 0; i < length; ++i) {
        const item = arr[i];
        if (item instanceof Error) {
          result.push([item]);
        } else {
          result.push([null, item]);
        }
      }
      return result;
    }
    exports2.wrapMultiResult = wrapMultiResult;
    function isInt(value) {
      const x = parseFloat(value);
      return !isNaN(value) && (x | 0) === x;
    }
    exports2.isInt = isInt;
    function packObject(array) {
      const result = {};
      const length = array.length;
      for (let i = 1; i < length; i += 2) {
        result[array[i - 1]] = array[i];
      }
      return result;
    }
    exports2.packObject = packObject;
    function timeout(callback, timeout2) {
      let timer = null;
      const run = function() {
        if (timer) {
          clearTimeout(timer);
          timer = null;
          callback.apply(this, arguments);
        }
      };
      timer = setTimeout(run, timeout2, new Error("timeout"));
      return run;
    }
    exports2.timeout = timeout;
    function convertObjectToArray(obj) {
      const result = [];
      const keys = Object.keys(obj);
      for (let i = 0, l = keys.length; i < l; i++) {
        result.push(keys[i], obj[keys[i]]);
      }
      return result;
    }
    exports2.convertObjectToArray = convertObjectToArray;
    function convertMapToArray(map) {
      const result = [];
      let pos = 0;
      map.forEach(function(value, key) {
        result[pos] = key;
        result[pos + 1] = value;
        pos += 2;
      });
      return result;
    }
    exports2.convertMapToArray = convertMapToArray;
    function toArg(arg) {
      if (arg === null || typeof arg === "undefined") {
        return "";
      }
      return String(arg);
    }
    exports2.toArg = toArg;
    function optimizeErrorStack(error, friendlyStack, filterPath) {
      const stacks = friendlyStack.split("\n");
      let lines = "";
      let i;
      for (i = 1; i < stacks.length; ++i) {
        if (stacks[i].indexOf(filterPath) === -1) {
          break;
        }
      }
      for (let j = i; j < stacks.length; ++j) {
        lines += "\n" + stacks[j];
      }
      if (error.stack) {
        const pos = error.stack.indexOf("\n");
        error.stack = error.stack.slice(0, pos) + lines;
      }
      return error;
    }
    exports2.optimizeErrorStack = optimizeErrorStack;
    function parseURL(url) {
      if (isInt(url)) {
        return { port: url };
      }
      let parsed = (0, url_1.parse)(url, true, true);
      if (!parsed.slashes && url[0] !== "/") {
        url = "//" + url;
        parsed = (0, url_1.parse)(url, true, true);
      }
      const options = parsed.query || {};
      const result = {};
      if (parsed.auth) {
        const index = parsed.auth.indexOf(":");
        result.username = index === -1 ? parsed.auth : parsed.auth.slice(0, index);
        result.password = index === -1 ? "" : parsed.auth.slice(index + 1);
      }
      if (parsed.pathname) {
        if (parsed.protocol === "redis:" || parsed.protocol === "rediss:") {
          if (parsed.pathname.length > 1) {
            result.db = parsed.pathname.slice(1);
          }
        } else {
          result.path = parsed.pathname;
        }
      }
      if (parsed.host) {
        result.host = parsed.hostname;
      }
      if (parsed.port) {
        result.port = parsed.port;
      }
      if (typeof options.family === "string") {
        const intFamily = Number.parseInt(options.family, 10);
        if (!Number.isNaN(intFamily)) {
          result.family = intFamily;
        }
      }
      (0, lodash_1.defaults)(result, options);
      return result;
    }
    exports2.parseURL = parseURL;
    function resolveTLSProfile(options) {
      let tls = options === null || options === void 0 ? void 0 : options.tls;
      if (typeof tls === "string")
        tls = { profile: tls };
      const profile = TLSProfiles_1.default[tls === null || tls === void 0 ? void 0 : tls.profile];
      if (profile) {
        tls = Object.assign({}, profile, tls);
        delete tls.profile;
        options = Object.assign({}, options, { tls });
      }
      return options;
    }
    exports2.resolveTLSProfile = resolveTLSProfile;
    function sample(array, from = 0) {
      const length = array.length;
      if (from >= length) {
        return null;
      }
      return array[from + Math.floor(Math.random() * (length - from))];
    }
    exports2.sample = sample;
    function shuffle(array) {
      let counter = array.length;
      while (counter > 0) {
        const index = Math.floor(Math.random() * counter);
        counter--;
        [array[counter], array[index]] = [array[index], array[counter]];
      }
      return array;
    }
    exports2.shuffle = shuffle;
    exports2.CONNECTION_CLOSED_ERROR_MSG = "Connection is closed.";
    function zipMap(keys, values) {
      const map = /* @__PURE__ */ new Map();
      keys.forEach((key, index) => {
        map.set(key, values[index]);
      });
      return map;
    }
    exports2.zipMap = zipMap;
    var cachedPackageMeta = null;
    async function getPackageMeta() {
      if (cachedPackageMeta) {
        return cachedPackageMeta;
      }
      try {
        const filePath = (0, path_1.resolve)(__dirname, "..", "..", "package.json");
        const data = await fs_1.promises.readFile(filePath, "utf8");
        const parsed = JSON.parse(data);
        cachedPackageMeta = {
          version: parsed.version
        };
        return cachedPackageMeta;
      } catch (err) {
        cachedPackageMeta = {
          version: "error-fetching-version"
        };
        return cachedPackageMeta;
      }
    }
    exports2.getPackageMeta = getPackageMeta;
  }
});

// ../node_modules/ioredis/built/utils/argumentParsers.js
var require_argumentParsers = __commonJS({
  "../node_modules/ioredis/built/utils/argumentParsers.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.parseBlockOption = exports2.parseSecondsArgument = void 0;
    var parseNumberArgument = (arg) => {
      if (typeof arg === "number") {
        return arg;
      }
      if (Buffer.isBuffer(arg)) {
        return parseNumberArgument(arg.toString());
      }
      if (typeof arg === "string") {
        const value = Number(arg);
        return Number.isFinite(value) ? value : void 0;
      }
      return void 0;
    };
    var parseStringArgument = (arg) => {
      if (typeof arg === "string") {
        return arg;
      }
      if (Buffer.isBuffer(arg)) {
        return arg.toString();
      }
      return void 0;
    };
    var parseSecondsArgument = (arg) => {
      const value = parseNumberArgument(arg);
      if (value === void 0) {
        return void 0;
      }
      if (value <= 0) {
        return 0;
      }
      return value * 1e3;
    };
    exports2.parseSecondsArgument = parseSecondsArgument;
    var parseBlockOption = (args) => {
      for (let i = 0; i < args.length; i++) {
        const token = parseStringArgument(args[i]);
        if (token && token.toLowerCase() === "block") {
          const duration = parseNumberArgument(args[i + 1]);
          if (duration === void 0) {
            return void 0;
          }
          if (duration <= 0) {
            return 0;
          }
          return duration;
        }
      }
      return null;
    };
    exports2.parseBlockOption = parseBlockOption;
  }
});

// ../node_modules/ioredis/built/Command.js
var require_Command = __commonJS({
  "../node_modules/ioredis/built/Command.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var commands_1 = require_built();
    var calculateSlot = require_lib();
    var standard_as_callback_1 = require_built2();
    var utils_1 = require_utils4();
    var argumentParsers_1 = require_argumentParsers();
    var Command = class _Command {
      /**
       * Creates an instance of Command.
       * @param name Command name
       * @param args An array of command arguments
       * @param options
       * @param callback The callback that handles the response.
       * If omit, the response will be handled via Promise
       */
      constructor(name, args = [], options = {}, callback) {
        this.name = name;
        this.inTransaction = false;
        this.isResolved = false;
        this.transformed = false;
        this.replyEncoding = options.replyEncoding;
        this.errorStack = options.errorStack;
        this.args = args.flat();
        this.callback = callback;
        this.initPromise();
        if (options.keyPrefix) {
          const isBufferKeyPrefix = options.keyPrefix instanceof Buffer;
          let keyPrefixBuffer = isBufferKeyPrefix ? options.keyPrefix : null;
          this._iterateKeys((key) => {
            if (key instanceof Buffer) {
              if (keyPrefixBuffer === null) {
                keyPrefixBuffer = Buffer.from(options.keyPrefix);
              }
              return Buffer.concat([keyPrefixBuffer, key]);
            } else if (isBufferKeyPrefix) {
              return Buffer.concat([options.keyPrefix, Buffer.from(String(key))]);
            }
            return options.keyPrefix + key;
          });
        }
        if (options.readOnly) {
          this.isReadOnly = true;
        }
      }
      /**
       * Check whether the command has the flag
       */
      static checkFlag(flagName, commandName) {
        commandName = commandName.toLowerCase();
        return !!this.getFlagMap()[flagName][commandName];
      }
      static setArgumentTransformer(name, func) {
        this._transformer.argument[name] = func;
      }
      static setReplyTransformer(name, func) {
        this._transformer.reply[name] = func;
      }
      static getFlagMap() {
        if (!this.flagMap) {
          this.flagMap = Object.keys(_Command.FLAGS).reduce((map, flagName) => {
            map[flagName] = {};
            _Command.FLAGS[flagName].forEach((commandName) => {
              map[flagName][commandName] = true;
            });
            return map;
          }, {});
        }
        return this.flagMap;
      }
      getSlot() {
        if (typeof this.slot === "undefined") {
          const key = this.getKeys()[0];
          this.slot = key == null ? null : calculateSlot(key);
        }
        return this.slot;
      }
      getKeys() {
        return this._iterateKeys();
      }
      /**
       * Convert command to writable buffer or string
       */
      toWritable(_socket) {
        let result;
        const commandStr = "*" + (this.args.length + 1) + "\r\n$" + Buffer.byteLength(this.name) + "\r\n" + this.name + "\r\n";
        if (this.bufferMode) {
          const buffers = new MixedBuffers();
          buffers.push(commandStr);
          for (let i = 0; i < this.args.length; ++i) {
            const arg = this.args[i];
            if (arg instanceof Buffer) {
              if (arg.length === 0) {
                buffers.push("$0\r\n\r\n");
              } else {
                buffers.push("$" + arg.length + "\r\n");
                buffers.push(arg);
                buffers.push("\r\n");
              }
            } else {
              buffers.push("$" + Buffer.byteLength(arg) + "\r\n" + arg + "\r\n");
            }
          }
          result = buffers.toBuffer();
        } else {
          result = commandStr;
          for (let i = 0; i < this.args.length; ++i) {
            const arg = this.args[i];
            result += "$" + Buffer.byteLength(arg) + "\r\n" + arg + "\r\n";
          }
        }
        return result;
      }
      stringifyArguments() {
        for (let i = 0; i < this.args.length; ++i) {
          const arg = this.args[i];
          if (typeof arg === "string") {
          } else if (arg instanceof Buffer) {
            this.bufferMode = true;
          } else {
            this.args[i] = (0, utils_1.toArg)(arg);
          }
        }
      }
      /**
       * Convert buffer/buffer[] to string/string[],
       * and apply reply transformer.
       */
      transformReply(result) {
        if (this.replyEncoding) {
          result = (0, utils_1.convertBufferToString)(result, this.replyEncoding);
        }
        const transformer = _Command._transformer.reply[this.name];
        if (transformer) {
          result = transformer(result);
        }
        return result;
      }
      /**
       * Set the wait time before terminating the attempt to execute a command
       * and generating an error.
       */
      setTimeout(ms) {
        if (!this._commandTimeoutTimer) {
          this._commandTimeoutTimer = setTimeout(() => {
            if (!this.isResolved) {
              this.reject(new Error("Command timed out"));
            }
          }, ms);
        }
      }
      /**
       * Set a timeout for blocking commands.
       * When the timeout expires, the command resolves with null (matching Redis behavior).
       * This handles the case of undetectable network failures (e.g., docker network disconnect)
       * where the TCP connection becomes a zombie and no close event fires.
       */
      setBlockingTimeout(ms) {
        if (ms <= 0) {
          return;
        }
        if (this._blockingTimeoutTimer) {
          clearTimeout(this._blockingTimeoutTimer);
          this._blockingTimeoutTimer = void 0;
        }
        const now = Date.now();
        if (this._blockingDeadline === void 0) {
          this._blockingDeadline = now + ms;
        }
        const remaining = this._blockingDeadline - now;
        if (remaining <= 0) {
          this.resolve(null);
          return;
        }
        this._blockingTimeoutTimer = setTimeout(() => {
          if (this.isResolved) {
            this._blockingTimeoutTimer = void 0;
            return;
          }
          this._blockingTimeoutTimer = void 0;
          this.resolve(null);
        }, remaining);
      }
      /**
       * Extract the blocking timeout from the command arguments.
       *
       * @returns The timeout in seconds, null for indefinite blocking (timeout of 0),
       *          or undefined if this is not a blocking command
       */
      extractBlockingTimeout() {
        const args = this.args;
        if (!args || args.length === 0) {
          return void 0;
        }
        const name = this.name.toLowerCase();
        if (_Command.checkFlag("LAST_ARG_TIMEOUT_COMMANDS", name)) {
          return (0, argumentParsers_1.parseSecondsArgument)(args[args.length - 1]);
        }
        if (_Command.checkFlag("FIRST_ARG_TIMEOUT_COMMANDS", name)) {
          return (0, argumentParsers_1.parseSecondsArgument)(args[0]);
        }
        if (_Command.checkFlag("BLOCK_OPTION_COMMANDS", name)) {
          return (0, argumentParsers_1.parseBlockOption)(args);
        }
        return void 0;
      }
      /**
       * Clear the command and blocking timers
       */
      _clearTimers() {
        const existingTimer = this._commandTimeoutTimer;
        if (existingTimer) {
          clearTimeout(existingTimer);
          delete this._commandTimeoutTimer;
        }
        const blockingTimer = this._blockingTimeoutTimer;
        if (blockingTimer) {
          clearTimeout(blockingTimer);
          delete this._blockingTimeoutTimer;
        }
      }
      initPromise() {
        const promise = new Promise((resolve, reject) => {
          if (!this.transformed) {
            this.transformed = true;
            const transformer = _Command._transformer.argument[this.name];
            if (transformer) {
              this.args = transformer(this.args);
            }
            this.stringifyArguments();
          }
          this.resolve = this._convertValue(resolve);
          this.reject = (err) => {
            this._clearTimers();
            if (this.errorStack) {
              reject((0, utils_1.optimizeErrorStack)(err, this.errorStack.stack, __dirname));
            } else {
              reject(err);
            }
          };
        });
        this.promise = (0, standard_as_callback_1.default)(promise, this.callback);
      }
      /**
       * Iterate through the command arguments that are considered keys.
       */
      _iterateKeys(transform = (key) => key) {
        if (typeof this.keys === "undefined") {
          this.keys = [];
          if ((0, commands_1.exists)(this.name, { caseInsensitive: true })) {
            const keyIndexes = (0, commands_1.getKeyIndexes)(this.name, this.args, {
              nameCaseInsensitive: true
            });
            for (const index of keyIndexes) {
              this.args[index] = transform(this.args[index]);
              this.keys.push(this.args[index]);
            }
          }
        }
        return this.keys;
      }
      /**
       * Convert the value from buffer to the target encoding.
       */
      _convertValue(resolve) {
        return (value) => {
          try {
            this._clearTimers();
            resolve(this.transformReply(value));
            this.isResolved = true;
          } catch (err) {
            this.reject(err);
          }
          return this.promise;
        };
      }
    };
    exports2.default = Command;
    Command.FLAGS = {
      VALID_IN_SUBSCRIBER_MODE: [
        "subscribe",
        "psubscribe",
        "unsubscribe",
        "punsubscribe",
        "ssubscribe",
        "sunsubscribe",
        "ping",
        "quit"
      ],
      VALID_IN_MONITOR_MODE: ["monitor", "auth"],
      ENTER_SUBSCRIBER_MODE: ["subscribe", "psubscribe", "ssubscribe"],
      EXIT_SUBSCRIBER_MODE: ["unsubscribe", "punsubscribe", "sunsubscribe"],
      WILL_DISCONNECT: ["quit"],
      HANDSHAKE_COMMANDS: ["auth", "select", "client", "readonly", "info"],
      IGNORE_RECONNECT_ON_ERROR: ["client"],
      BLOCKING_COMMANDS: [
        "blpop",
        "brpop",
        "brpoplpush",
        "blmove",
        "bzpopmin",
        "bzpopmax",
        "bzmpop",
        "blmpop",
        "xread",
        "xreadgroup"
      ],
      LAST_ARG_TIMEOUT_COMMANDS: [
        "blpop",
        "brpop",
        "brpoplpush",
        "blmove",
        "bzpopmin",
        "bzpopmax"
      ],
      FIRST_ARG_TIMEOUT_COMMANDS: ["bzmpop", "blmpop"],
      BLOCK_OPTION_COMMANDS: ["xread", "xreadgroup"]
    };
    Command._transformer = {
      argument: {},
      reply: {}
    };
    var msetArgumentTransformer = function(args) {
      if (args.length === 1) {
        if (args[0] instanceof Map) {
          return (0, utils_1.convertMapToArray)(args[0]);
        }
        if (typeof args[0] === "object" && args[0] !== null) {
          return (0, utils_1.convertObjectToArray)(args[0]);
        }
      }
      return args;
    };
    var hsetArgumentTransformer = function(args) {
      if (args.length === 2) {
        if (args[1] instanceof Map) {
          return [args[0]].concat((0, utils_1.convertMapToArray)(args[1]));
        }
        if (typeof args[1] === "object" && args[1] !== null) {
          return [args[0]].concat((0, utils_1.convertObjectToArray)(args[1]));
        }
      }
      return args;
    };
    Command.setArgumentTransformer("mset", msetArgumentTransformer);
    Command.setArgumentTransformer("msetnx", msetArgumentTransformer);
    Command.setArgumentTransformer("hset", hsetArgumentTransformer);
    Command.setArgumentTransformer("hmset", hsetArgumentTransformer);
    Command.setReplyTransformer("hgetall", function(result) {
      if (Array.isArray(result)) {
        const obj = {};
        for (let i = 0; i < result.length; i += 2) {
          const key = result[i];
          const value = result[i + 1];
          if (key in obj) {
            Object.defineProperty(obj, key, {
              value,
              configurable: true,
              enumerable: true,
              writable: true
            });
          } else {
            obj[key] = value;
          }
        }
        return obj;
      }
      return result;
    });
    var MixedBuffers = class {
      constructor() {
        this.length = 0;
        this.items = [];
      }
      push(x) {
        this.length += Buffer.byteLength(x);
        this.items.push(x);
      }
      toBuffer() {
        const result = Buffer.allocUnsafe(this.length);
        let offset = 0;
        for (const item of this.items) {
          const length = Buffer.byteLength(item);
          Buffer.isBuffer(item) ? item.copy(result, offset) : result.write(item, offset, length);
          offset += length;
        }
        return result;
      }
    };
  }
});

// ../node_modules/ioredis/built/errors/ClusterAllFailedError.js
var require_ClusterAllFailedError = __commonJS({
  "../node_modules/ioredis/built/errors/ClusterAllFailedError.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var redis_errors_1 = require_redis_errors();
    var ClusterAllFailedError = class extends redis_errors_1.RedisError {
      constructor(message, lastNodeError) {
        super(message);
        this.lastNodeError = lastNodeError;
        Error.captureStackTrace(this, this.constructor);
      }
      get name() {
        return this.constructor.name;
      }
    };
    exports2.default = ClusterAllFailedError;
    ClusterAllFailedError.defaultMessage = "Failed to refresh slots cache.";
  }
});

// ../node_modules/ioredis/built/ScanStream.js
var require_ScanStream = __commonJS({
  "../node_modules/ioredis/built/ScanStream.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var stream_1 = require("stream");
    var ScanStream = class extends stream_1.Readable {
      constructor(opt) {
        super(opt);
        this.opt = opt;
        this._redisCursor = "0";
        this._redisDrained = false;
      }
      _read() {
        if (this._redisDrained) {
          this.push(null);
          return;
        }
        const args = [this._redisCursor];
        if (this.opt.key) {
          args.unshift(this.opt.key);
        }
        if (this.opt.match) {
          args.push("MATCH", this.opt.match);
        }
        if (this.opt.type) {
          args.push("TYPE", this.opt.type);
        }
        if (this.opt.count) {
          args.push("COUNT", String(this.opt.count));
        }
        if (this.opt.noValues) {
          args.push("NOVALUES");
        }
        this.opt.redis[this.opt.command](args, (err, res) => {
          if (err) {
            this.emit("error", err);
            return;
          }
          this._redisCursor = res[0] instanceof Buffer ? res[0].toString() : res[0];
          if (this._redisCursor === "0") {
            this._redisDrained = true;
          }
          this.push(res[1]);
        });
      }
      close() {
        this._redisDrained = true;
      }
    };
    exports2.default = ScanStream;
  }
});

// ../node_modules/ioredis/built/autoPipelining.js
var require_autoPipelining = __commonJS({
  "../node_modules/ioredis/built/autoPipelining.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.executeWithAutoPipelining = exports2.getFirstValueInFlattenedArray = exports2.shouldUseAutoPipelining = exports2.notAllowedAutoPipelineCommands = exports2.kCallbacks = exports2.kExec = void 0;
    var lodash_1 = require_lodash3();
    var calculateSlot = require_lib();
    var standard_as_callback_1 = require_built2();
    exports2.kExec = Symbol("exec");
    exports2.kCallbacks = Symbol("callbacks");
    exports2.notAllowedAutoPipelineCommands = [
      "auth",
      "info",
      "script",
      "quit",
      "cluster",
      "pipeline",
      "multi",
      "subscribe",
      "psubscribe",
      "unsubscribe",
      "unpsubscribe",
      "select",
      "client"
    ];
    function executeAutoPipeline(client, slotKey) {
      if (client._runningAutoPipelines.has(slotKey)) {
        return;
      }
      if (!client._autoPipelines.has(slotKey)) {
        return;
      }
      client._runningAutoPipelines.add(slotKey);
      const pipeline = client._autoPipelines.get(slotKey);
      client._autoPipelines.delete(slotKey);
      const callbacks = pipeline[exports2.kCallbacks];
      pipeline[exports2.kCallbacks] = null;
      pipeline.exec(function(err, results) {
        client._runningAutoPipelines.delete(slotKey);
        if (err) {
          for (let i = 0; i < callbacks.length; i++) {
            process.nextTick(callbacks[i], err);
          }
        } else {
          for (let i = 0; i < callbacks.length; i++) {
            process.nextTick(callbacks[i], ...results[i]);
          }
        }
        if (client._autoPipelines.has(slotKey)) {
          executeAutoPipeline(client, slotKey);
        }
      });
    }
    function shouldUseAutoPipelining(client, functionName, commandName) {
      return functionName && client.options.enableAutoPipelining && !client.isPipeline && !exports2.notAllowedAutoPipelineCommands.includes(commandName) && !client.options.autoPipeliningIgnoredCommands.includes(commandName);
    }
    exports2.shouldUseAutoPipelining = shouldUseAutoPipelining;
    function getFirstValueInFlattenedArray(args) {
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (typeof arg === "string") {
          return arg;
        } else if (Array.isArray(arg) || (0, lodash_1.isArguments)(arg)) {
          if (arg.length === 0) {
            continue;
          }
          return arg[0];
        }
        const flattened = [arg].flat();
        if (flattened.length > 0) {
          return flattened[0];
        }
      }
      return void 0;
    }
    exports2.getFirstValueInFlattenedArray = getFirstValueInFlattenedArray;
    function executeWithAutoPipelining(client, functionName, commandName, args, callback) {
      if (client.isCluster && !client.slots.length) {
        if (client.status === "wait")
          client.connect().catch(lodash_1.noop);
        return (0, standard_as_callback_1.default)(new Promise(function(resolve, reject) {
          client.delayUntilReady((err) => {
            if (err) {
              reject(err);
              return;
            }
            executeWithAutoPipelining(client, functionName, commandName, args, null).then(resolve, reject);
          });
        }), callback);
      }
      const prefix = client.options.keyPrefix || "";
      const slotKey = client.isCluster ? client.slots[calculateSlot(`${prefix}${getFirstValueInFlattenedArray(args)}`)].join(",") : "main";
      if (!client._autoPipelines.has(slotKey)) {
        const pipeline2 = client.pipeline();
        pipeline2[exports2.kExec] = false;
        pipeline2[exports2.kCallbacks] = [];
        client._autoPipelines.set(slotKey, pipeline2);
      }
      const pipeline = client._autoPipelines.get(slotKey);
      if (!pipeline[exports2.kExec]) {
        pipeline[exports2.kExec] = true;
        setImmediate(executeAutoPipeline, client, slotKey);
      }
      const autoPipelinePromise = new Promise(function(resolve, reject) {
        pipeline[exports2.kCallbacks].push(function(err, value) {
          if (err) {
            reject(err);
            return;
          }
          resolve(value);
        });
        if (functionName === "call") {
          args.unshift(commandName);
        }
        pipeline[functionName](...args);
      });
      return (0, standard_as_callback_1.default)(autoPipelinePromise, callback);
    }
    exports2.executeWithAutoPipelining = executeWithAutoPipelining;
  }
});

// ../node_modules/ioredis/built/Script.js
var require_Script = __commonJS({
  "../node_modules/ioredis/built/Script.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var crypto_1 = require("crypto");
    var Command_1 = require_Command();
    var standard_as_callback_1 = require_built2();
    var Script = class {
      constructor(lua, numberOfKeys = null, keyPrefix = "", readOnly = false) {
        this.lua = lua;
        this.numberOfKeys = numberOfKeys;
        this.keyPrefix = keyPrefix;
        this.readOnly = readOnly;
        this.sha = (0, crypto_1.createHash)("sha1").update(lua).digest("hex");
        const sha = this.sha;
        const socketHasScriptLoaded = /* @__PURE__ */ new WeakSet();
        this.Command = class CustomScriptCommand extends Command_1.default {
          toWritable(socket) {
            const origReject = this.reject;
            this.reject = (err) => {
              if (err.message.indexOf("NOSCRIPT") !== -1) {
                socketHasScriptLoaded.delete(socket);
              }
              origReject.call(this, err);
            };
            if (!socketHasScriptLoaded.has(socket)) {
              socketHasScriptLoaded.add(socket);
              this.name = "eval";
              this.args[0] = lua;
            } else if (this.name === "eval") {
              this.name = "evalsha";
              this.args[0] = sha;
            }
            return super.toWritable(socket);
          }
        };
      }
      execute(container, args, options, callback) {
        if (typeof this.numberOfKeys === "number") {
          args.unshift(this.numberOfKeys);
        }
        if (this.keyPrefix) {
          options.keyPrefix = this.keyPrefix;
        }
        if (this.readOnly) {
          options.readOnly = true;
        }
        const evalsha = new this.Command("evalsha", [this.sha, ...args], options);
        evalsha.promise = evalsha.promise.catch((err) => {
          if (err.message.indexOf("NOSCRIPT") === -1) {
            throw err;
          }
          const resend = new this.Command("evalsha", [this.sha, ...args], options);
          const client = container.isPipeline ? container.redis : container;
          return client.sendCommand(resend);
        });
        (0, standard_as_callback_1.default)(evalsha.promise, callback);
        return container.sendCommand(evalsha);
      }
    };
    exports2.default = Script;
  }
});

// ../node_modules/ioredis/built/utils/Commander.js
var require_Commander = __commonJS({
  "../node_modules/ioredis/built/utils/Commander.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var commands_1 = require_built();
    var autoPipelining_1 = require_autoPipelining();
    var Command_1 = require_Command();
    var Script_1 = require_Script();
    var Commander = class {
      constructor() {
        this.options = {};
        this.scriptsSet = {};
        this.addedBuiltinSet = /* @__PURE__ */ new Set();
      }
      /**
       * Return supported builtin commands
       */
      getBuiltinCommands() {
        return commands.slice(0);
      }
      /**
       * Create a builtin command
       */
      createBuiltinCommand(commandName) {
        return {
          string: generateFunction(null, commandName, "utf8"),
          buffer: generateFunction(null, commandName, null)
        };
      }
      /**
       * Create add builtin command
       */
      addBuiltinCommand(commandName) {
        this.addedBuiltinSet.add(commandName);
        this[commandName] = generateFunction(commandName, commandName, "utf8");
        this[commandName + "Buffer"] = generateFunction(commandName + "Buffer", commandName, null);
      }
      /**
       * Define a custom command using lua script
       */
      defineCommand(name, definition) {
        const script = new Script_1.default(definition.lua, definition.numberOfKeys, this.options.keyPrefix, definition.readOnly);
        this.scriptsSet[name] = script;
        this[name] = generateScriptingFunction(name, name, script, "utf8");
        this[name + "Buffer"] = generateScriptingFunction(name + "Buffer", name, script, null);
      }
      /**
       * @ignore
       */
      sendCommand(command, stream, node) {
        throw new Error('"sendCommand" is not implemented');
      }
    };
    var commands = commands_1.list.filter((command) => command !== "monitor");
    commands.push("sentinel");
    commands.forEach(function(commandName) {
      Commander.prototype[commandName] = generateFunction(commandName, commandName, "utf8");
      Commander.prototype[commandName + "Buffer"] = generateFunction(commandName + "Buffer", commandName, null);
    });
    Commander.prototype.call = generateFunction("call", "utf8");
    Commander.prototype.callBuffer = generateFunction("callBuffer", null);
    Commander.prototype.send_command = Commander.prototype.call;
    function generateFunction(functionName, _commandName, _encoding) {
      if (typeof _encoding === "undefined") {
        _encoding = _commandName;
        _commandName = null;
      }
      return function(...args) {
        const commandName = _commandName || args.shift();
        let callback = args[args.length - 1];
        if (typeof callback === "function") {
          args.pop();
        } else {
          callback = void 0;
        }
        const options = {
          errorStack: this.options.showFriendlyErrorStack ? new Error() : void 0,
          keyPrefix: this.options.keyPrefix,
          replyEncoding: _encoding
        };
        if (!(0, autoPipelining_1.shouldUseAutoPipelining)(this, functionName, commandName)) {
          return this.sendCommand(
            // @ts-expect-error
            new Command_1.default(commandName, args, options, callback)
          );
        }
        return (0, autoPipelining_1.executeWithAutoPipelining)(
          this,
          functionName,
          commandName,
          // @ts-expect-error
          args,
          callback
        );
      };
    }
    function generateScriptingFunction(functionName, commandName, script, encoding) {
      return function(...args) {
        const callback = typeof args[args.length - 1] === "function" ? args.pop() : void 0;
        const options = {
          replyEncoding: encoding
        };
        if (this.options.showFriendlyErrorStack) {
          options.errorStack = new Error();
        }
        if (!(0, autoPipelining_1.shouldUseAutoPipelining)(this, functionName, commandName)) {
          return script.execute(this, args, options, callback);
        }
        return (0, autoPipelining_1.executeWithAutoPipelining)(this, functionName, commandName, args, callback);
      };
    }
    exports2.default = Commander;
  }
});

// ../node_modules/ioredis/built/Pipeline.js
var require_Pipeline = __commonJS({
  "../node_modules/ioredis/built/Pipeline.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var calculateSlot = require_lib();
    var commands_1 = require_built();
    var standard_as_callback_1 = require_built2();
    var util_1 = require("util");
    var Command_1 = require_Command();
    var utils_1 = require_utils4();
    var Commander_1 = require_Commander();
    function generateMultiWithNodes(redis, keys) {
      const slot = calculateSlot(keys[0]);
      const target = redis._groupsBySlot[slot];
      for (let i = 1; i < keys.length; i++) {
        if (redis._groupsBySlot[calculateSlot(keys[i])] !== target) {
          return -1;
        }
      }
      return slot;
    }
    var Pipeline = class extends Commander_1.default {
      constructor(redis) {
        super();
        this.redis = redis;
        this.isPipeline = true;
        this.replyPending = 0;
        this._queue = [];
        this._result = [];
        this._transactions = 0;
        this._shaToScript = {};
        this.isCluster = this.redis.constructor.name === "Cluster" || this.redis.isCluster;
        this.options = redis.options;
        Object.keys(redis.scriptsSet).forEach((name) => {
          const script = redis.scriptsSet[name];
          this._shaToScript[script.sha] = script;
          this[name] = redis[name];
          this[name + "Buffer"] = redis[name + "Buffer"];
        });
        redis.addedBuiltinSet.forEach((name) => {
          this[name] = redis[name];
          this[name + "Buffer"] = redis[name + "Buffer"];
        });
        this.promise = new Promise((resolve, reject) => {
          this.resolve = resolve;
          this.reject = reject;
        });
        const _this = this;
        Object.defineProperty(this, "length", {
          get: function() {
            return _this._queue.length;
          }
        });
      }
      fillResult(value, position) {
        if (this._queue[position].name === "exec" && Array.isArray(value[1])) {
          const execLength = value[1].length;
          for (let i = 0; i < execLength; i++) {
            if (value[1][i] instanceof Error) {
              continue;
            }
            const cmd = this._queue[position - (execLength - i)];
            try {
              value[1][i] = cmd.transformReply(value[1][i]);
            } catch (err) {
              value[1][i] = err;
            }
          }
        }
        this._result[position] = value;
        if (--this.replyPending) {
          return;
        }
        if (this.isCluster) {
          let retriable = true;
          let commonError;
          for (let i = 0; i < this._result.length; ++i) {
            const error = this._result[i][0];
            const command = this._queue[i];
            if (error) {
              if (command.name === "exec" && error.message === "EXECABORT Transaction discarded because of previous errors.") {
                continue;
              }
              if (!commonError) {
                commonError = {
                  name: error.name,
                  message: error.message
                };
              } else if (commonError.name !== error.name || commonError.message !== error.message) {
                retriable = false;
                break;
              }
            } else if (!command.inTransaction) {
              const isReadOnly = (0, commands_1.exists)(command.name, { caseInsensitive: true }) && (0, commands_1.hasFlag)(command.name, "readonly", { nameCaseInsensitive: true });
              if (!isReadOnly) {
                retriable = false;
                break;
              }
            }
          }
          if (commonError && retriable) {
            const _this = this;
            const errv = commonError.message.split(" ");
            const queue = this._queue;
            let inTransaction = false;
            this._queue = [];
            for (let i = 0; i < queue.length; ++i) {
              if (errv[0] === "ASK" && !inTransaction && queue[i].name !== "asking" && (!queue[i - 1] || queue[i - 1].name !== "asking")) {
                const asking = new Command_1.default("asking");
                asking.ignore = true;
                this.sendCommand(asking);
              }
              queue[i].initPromise();
              this.sendCommand(queue[i]);
              inTransaction = queue[i].inTransaction;
            }
            let matched = true;
            if (typeof this.leftRedirections === "undefined") {
              this.leftRedirections = {};
            }
            const exec = function() {
              _this.exec();
            };
            const cluster10 = this.redis;
            cluster10.handleError(commonError, this.leftRedirections, {
              moved: function(_slot, key) {
                _this.preferKey = key;
                cluster10.slots[errv[1]] = [key];
                cluster10._groupsBySlot[errv[1]] = cluster10._groupsIds[cluster10.slots[errv[1]].join(";")];
                cluster10.refreshSlotsCache();
                _this.exec();
              },
              ask: function(_slot, key) {
                _this.preferKey = key;
                _this.exec();
              },
              tryagain: exec,
              clusterDown: exec,
              connectionClosed: exec,
              maxRedirections: () => {
                matched = false;
              },
              defaults: () => {
                matched = false;
              }
            });
            if (matched) {
              return;
            }
          }
        }
        let ignoredCount = 0;
        for (let i = 0; i < this._queue.length - ignoredCount; ++i) {
          if (this._queue[i + ignoredCount].ignore) {
            ignoredCount += 1;
          }
          this._result[i] = this._result[i + ignoredCount];
        }
        this.resolve(this._result.slice(0, this._result.length - ignoredCount));
      }
      sendCommand(command) {
        if (this._transactions > 0) {
          command.inTransaction = true;
        }
        const position = this._queue.length;
        command.pipelineIndex = position;
        command.promise.then((result) => {
          this.fillResult([null, result], position);
        }).catch((error) => {
          this.fillResult([error], position);
        });
        this._queue.push(command);
        return this;
      }
      addBatch(commands) {
        let command, commandName, args;
        for (let i = 0; i < commands.length; ++i) {
          command = commands[i];
          commandName = command[0];
          args = command.slice(1);
          this[commandName].apply(this, args);
        }
        return this;
      }
    };
    exports2.default = Pipeline;
    var multi = Pipeline.prototype.multi;
    Pipeline.prototype.multi = function() {
      this._transactions += 1;
      return multi.apply(this, arguments);
    };
    var execBuffer = Pipeline.prototype.execBuffer;
    Pipeline.prototype.execBuffer = (0, util_1.deprecate)(function() {
      if (this._transactions > 0) {
        this._transactions -= 1;
      }
      return execBuffer.apply(this, arguments);
    }, "Pipeline#execBuffer: Use Pipeline#exec instead");
    Pipeline.prototype.exec = function(callback) {
      if (this.isCluster && !this.redis.slots.length) {
        if (this.redis.status === "wait")
          this.redis.connect().catch(utils_1.noop);
        if (callback && !this.nodeifiedPromise) {
          this.nodeifiedPromise = true;
          (0, standard_as_callback_1.default)(this.promise, callback);
        }
        this.redis.delayUntilReady((err) => {
          if (err) {
            this.reject(err);
            return;
          }
          this.exec(callback);
        });
        return this.promise;
      }
      if (this._transactions > 0) {
        this._transactions -= 1;
        return execBuffer.apply(this, arguments);
      }
      if (!this.nodeifiedPromise) {
        this.nodeifiedPromise = true;
        (0, standard_as_callback_1.default)(this.promise, callback);
      }
      if (!this._queue.length) {
        this.resolve([]);
      }
      let pipelineSlot;
      if (this.isCluster) {
        const sampleKeys = [];
        for (let i = 0; i < this._queue.length; i++) {
          const keys = this._queue[i].getKeys();
          if (keys.length) {
            sampleKeys.push(keys[0]);
          }
          if (keys.length && calculateSlot.generateMulti(keys) < 0) {
            this.reject(new Error("All the keys in a pipeline command should belong to the same slot"));
            return this.promise;
          }
        }
        if (sampleKeys.length) {
          pipelineSlot = generateMultiWithNodes(this.redis, sampleKeys);
          if (pipelineSlot < 0) {
            this.reject(new Error("All keys in the pipeline should belong to the same slots allocation group"));
            return this.promise;
          }
        } else {
          pipelineSlot = Math.random() * 16384 | 0;
        }
      }
      const _this = this;
      execPipeline();
      return this.promise;
      function execPipeline() {
        let writePending = _this.replyPending = _this._queue.length;
        let node;
        if (_this.isCluster) {
          node = {
            slot: pipelineSlot,
            redis: _this.redis.connectionPool.nodes.all[_this.preferKey]
          };
        }
        let data = "";
        let buffers;
        const stream = {
          isPipeline: true,
          destination: _this.isCluster ? node : { redis: _this.redis },
          write(writable) {
            if (typeof writable !== "string") {
              if (!buffers) {
                buffers = [];
              }
              if (data) {
                buffers.push(Buffer.from(data, "utf8"));
                data = "";
              }
              buffers.push(writable);
            } else {
              data += writable;
            }
            if (!--writePending) {
              if (buffers) {
                if (data) {
                  buffers.push(Buffer.from(data, "utf8"));
                }
                stream.destination.redis.stream.write(Buffer.concat(buffers));
              } else {
                stream.destination.redis.stream.write(data);
              }
              writePending = _this._queue.length;
              data = "";
              buffers = void 0;
            }
          }
        };
        for (let i = 0; i < _this._queue.length; ++i) {
          _this.redis.sendCommand(_this._queue[i], stream, node);
        }
        return _this.promise;
      }
    };
  }
});

// ../node_modules/ioredis/built/transaction.js
var require_transaction = __commonJS({
  "../node_modules/ioredis/built/transaction.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.addTransactionSupport = void 0;
    var utils_1 = require_utils4();
    var standard_as_callback_1 = require_built2();
    var Pipeline_1 = require_Pipeline();
    function addTransactionSupport(redis) {
      redis.pipeline = function(commands) {
        const pipeline = new Pipeline_1.default(this);
        if (Array.isArray(commands)) {
          pipeline.addBatch(commands);
        }
        return pipeline;
      };
      const { multi } = redis;
      redis.multi = function(commands, options) {
        if (typeof options === "undefined" && !Array.isArray(commands)) {
          options = commands;
          commands = null;
        }
        if (options && options.pipeline === false) {
          return multi.call(this);
        }
        const pipeline = new Pipeline_1.default(this);
        pipeline.multi();
        if (Array.isArray(commands)) {
          pipeline.addBatch(commands);
        }
        const exec2 = pipeline.exec;
        pipeline.exec = function(callback) {
          if (this.isCluster && !this.redis.slots.length) {
            if (this.redis.status === "wait")
              this.redis.connect().catch(utils_1.noop);
            return (0, standard_as_callback_1.default)(new Promise((resolve, reject) => {
              this.redis.delayUntilReady((err) => {
                if (err) {
                  reject(err);
                  return;
                }
                this.exec(pipeline).then(resolve, reject);
              });
            }), callback);
          }
          if (this._transactions > 0) {
            exec2.call(pipeline);
          }
          if (this.nodeifiedPromise) {
            return exec2.call(pipeline);
          }
          const promise = exec2.call(pipeline);
          return (0, standard_as_callback_1.default)(promise.then(function(result) {
            const execResult = result[result.length - 1];
            if (typeof execResult === "undefined") {
              throw new Error("Pipeline cannot be used to send any commands when the `exec()` has been called on it.");
            }
            if (execResult[0]) {
              execResult[0].previousErrors = [];
              for (let i = 0; i < result.length - 1; ++i) {
                if (result[i][0]) {
                  execResult[0].previousErrors.push(result[i][0]);
                }
              }
              throw execResult[0];
            }
            return (0, utils_1.wrapMultiResult)(execResult[1]);
          }), callback);
        };
        const { execBuffer } = pipeline;
        pipeline.execBuffer = function(callback) {
          if (this._transactions > 0) {
            execBuffer.call(pipeline);
          }
          return pipeline.exec(callback);
        };
        return pipeline;
      };
      const { exec } = redis;
      redis.exec = function(callback) {
        return (0, standard_as_callback_1.default)(exec.call(this).then(function(results) {
          if (Array.isArray(results)) {
            results = (0, utils_1.wrapMultiResult)(results);
          }
          return results;
        }), callback);
      };
    }
    exports2.addTransactionSupport = addTransactionSupport;
  }
});

// ../node_modules/ioredis/built/utils/applyMixin.js
var require_applyMixin = __commonJS({
  "../node_modules/ioredis/built/utils/applyMixin.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    function applyMixin(derivedConstructor, mixinConstructor) {
      Object.getOwnPropertyNames(mixinConstructor.prototype).forEach((name) => {
        Object.defineProperty(derivedConstructor.prototype, name, Object.getOwnPropertyDescriptor(mixinConstructor.prototype, name));
      });
    }
    exports2.default = applyMixin;
  }
});

// ../node_modules/ioredis/built/cluster/ClusterOptions.js
var require_ClusterOptions = __commonJS({
  "../node_modules/ioredis/built/cluster/ClusterOptions.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.DEFAULT_CLUSTER_OPTIONS = void 0;
    var dns_1 = require("dns");
    exports2.DEFAULT_CLUSTER_OPTIONS = {
      clusterRetryStrategy: (times) => Math.min(100 + times * 2, 2e3),
      enableOfflineQueue: true,
      enableReadyCheck: true,
      scaleReads: "master",
      maxRedirections: 16,
      retryDelayOnMoved: 0,
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      slotsRefreshTimeout: 1e3,
      useSRVRecords: false,
      resolveSrv: dns_1.resolveSrv,
      dnsLookup: dns_1.lookup,
      enableAutoPipelining: false,
      autoPipeliningIgnoredCommands: [],
      shardedSubscribers: false
    };
  }
});

// ../node_modules/ioredis/built/cluster/util.js
var require_util2 = __commonJS({
  "../node_modules/ioredis/built/cluster/util.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.getConnectionName = exports2.weightSrvRecords = exports2.groupSrvRecords = exports2.getUniqueHostnamesFromOptions = exports2.normalizeNodeOptions = exports2.nodeKeyToRedisOptions = exports2.getNodeKey = void 0;
    var utils_1 = require_utils4();
    var net_1 = require("net");
    function getNodeKey(node) {
      node.port = node.port || 6379;
      node.host = node.host || "127.0.0.1";
      return node.host + ":" + node.port;
    }
    exports2.getNodeKey = getNodeKey;
    function nodeKeyToRedisOptions(nodeKey) {
      const portIndex = nodeKey.lastIndexOf(":");
      if (portIndex === -1) {
        throw new Error(`Invalid node key ${nodeKey}`);
      }
      return {
        host: nodeKey.slice(0, portIndex),
        port: Number(nodeKey.slice(portIndex + 1))
      };
    }
    exports2.nodeKeyToRedisOptions = nodeKeyToRedisOptions;
    function normalizeNodeOptions(nodes) {
      return nodes.map((node) => {
        const options = {};
        if (typeof node === "object") {
          Object.assign(options, node);
        } else if (typeof node === "string") {
          Object.assign(options, (0, utils_1.parseURL)(node));
        } else if (typeof node === "number") {
          options.port = node;
        } else {
          throw new Error("Invalid argument " + node);
        }
        if (typeof options.port === "string") {
          options.port = parseInt(options.port, 10);
        }
        delete options.db;
        if (!options.port) {
          options.port = 6379;
        }
        if (!options.host) {
          options.host = "127.0.0.1";
        }
        return (0, utils_1.resolveTLSProfile)(options);
      });
    }
    exports2.normalizeNodeOptions = normalizeNodeOptions;
    function getUniqueHostnamesFromOptions(nodes) {
      const uniqueHostsMap = {};
      nodes.forEach((node) => {
        uniqueHostsMap[node.host] = true;
      });
      return Object.keys(uniqueHostsMap).filter((host) => !(0, net_1.isIP)(host));
    }
    exports2.getUniqueHostnamesFromOptions = getUniqueHostnamesFromOptions;
    function groupSrvRecords(records) {
      const recordsByPriority = {};
      for (const record of records) {
        if (!recordsByPriority.hasOwnProperty(record.priority)) {
          recordsByPriority[record.priority] = {
            totalWeight: record.weight,
            records: [record]
          };
        } else {
          recordsByPriority[record.priority].totalWeight += record.weight;
          recordsByPriority[record.priority].records.push(record);
        }
      }
      return recordsByPriority;
    }
    exports2.groupSrvRecords = groupSrvRecords;
    function weightSrvRecords(recordsGroup) {
      if (recordsGroup.records.length === 1) {
        recordsGroup.totalWeight = 0;
        return recordsGroup.records.shift();
      }
      const random = Math.floor(Math.random() * (recordsGroup.totalWeight + recordsGroup.records.length));
      let total = 0;
      for (const [i, record] of recordsGroup.records.entries()) {
        total += 1 + record.weight;
        if (total > random) {
          recordsGroup.totalWeight -= record.weight;
          recordsGroup.records.splice(i, 1);
          return record;
        }
      }
    }
    exports2.weightSrvRecords = weightSrvRecords;
    function getConnectionName(component, nodeConnectionName) {
      const prefix = `ioredis-cluster(${component})`;
      return nodeConnectionName ? `${prefix}:${nodeConnectionName}` : prefix;
    }
    exports2.getConnectionName = getConnectionName;
  }
});

// ../node_modules/ioredis/built/cluster/ClusterSubscriber.js
var require_ClusterSubscriber = __commonJS({
  "../node_modules/ioredis/built/cluster/ClusterSubscriber.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var util_1 = require_util2();
    var utils_1 = require_utils4();
    var Redis_1 = require_Redis();
    var debug = (0, utils_1.Debug)("cluster:subscriber");
    var ClusterSubscriber = class {
      constructor(connectionPool, emitter, isSharded = false) {
        this.connectionPool = connectionPool;
        this.emitter = emitter;
        this.isSharded = isSharded;
        this.started = false;
        this.subscriber = null;
        this.slotRange = [];
        this.onSubscriberEnd = () => {
          if (!this.started) {
            debug("subscriber has disconnected, but ClusterSubscriber is not started, so not reconnecting.");
            return;
          }
          debug("subscriber has disconnected, selecting a new one...");
          this.selectSubscriber();
        };
        this.connectionPool.on("-node", (_, key) => {
          if (!this.started || !this.subscriber) {
            return;
          }
          if ((0, util_1.getNodeKey)(this.subscriber.options) === key) {
            debug("subscriber has left, selecting a new one...");
            this.selectSubscriber();
          }
        });
        this.connectionPool.on("+node", () => {
          if (!this.started || this.subscriber) {
            return;
          }
          debug("a new node is discovered and there is no subscriber, selecting a new one...");
          this.selectSubscriber();
        });
      }
      getInstance() {
        return this.subscriber;
      }
      /**
       * Associate this subscriber to a specific slot range.
       *
       * Returns the range or an empty array if the slot range couldn't be associated.
       *
       * BTW: This is more for debugging and testing purposes.
       *
       * @param range
       */
      associateSlotRange(range) {
        if (this.isSharded) {
          this.slotRange = range;
        }
        return this.slotRange;
      }
      start() {
        this.started = true;
        this.selectSubscriber();
        debug("started");
      }
      stop() {
        this.started = false;
        if (this.subscriber) {
          this.subscriber.disconnect();
          this.subscriber = null;
        }
      }
      isStarted() {
        return this.started;
      }
      selectSubscriber() {
        const lastActiveSubscriber = this.lastActiveSubscriber;
        if (lastActiveSubscriber) {
          lastActiveSubscriber.off("end", this.onSubscriberEnd);
          lastActiveSubscriber.disconnect();
        }
        if (this.subscriber) {
          this.subscriber.off("end", this.onSubscriberEnd);
          this.subscriber.disconnect();
        }
        const sampleNode = (0, utils_1.sample)(this.connectionPool.getNodes());
        if (!sampleNode) {
          debug("selecting subscriber failed since there is no node discovered in the cluster yet");
          this.subscriber = null;
          return;
        }
        const { options } = sampleNode;
        debug("selected a subscriber %s:%s", options.host, options.port);
        let connectionPrefix = "subscriber";
        if (this.isSharded)
          connectionPrefix = "ssubscriber";
        this.subscriber = new Redis_1.default({
          port: options.port,
          host: options.host,
          username: options.username,
          password: options.password,
          enableReadyCheck: true,
          connectionName: (0, util_1.getConnectionName)(connectionPrefix, options.connectionName),
          lazyConnect: true,
          tls: options.tls,
          // Don't try to reconnect the subscriber connection. If the connection fails
          // we will get an end event (handled below), at which point we'll pick a new
          // node from the pool and try to connect to that as the subscriber connection.
          retryStrategy: null
        });
        this.subscriber.on("error", utils_1.noop);
        this.subscriber.on("moved", () => {
          this.emitter.emit("forceRefresh");
        });
        this.subscriber.once("end", this.onSubscriberEnd);
        const previousChannels = { subscribe: [], psubscribe: [], ssubscribe: [] };
        if (lastActiveSubscriber) {
          const condition = lastActiveSubscriber.condition || lastActiveSubscriber.prevCondition;
          if (condition && condition.subscriber) {
            previousChannels.subscribe = condition.subscriber.channels("subscribe");
            previousChannels.psubscribe = condition.subscriber.channels("psubscribe");
            previousChannels.ssubscribe = condition.subscriber.channels("ssubscribe");
          }
        }
        if (previousChannels.subscribe.length || previousChannels.psubscribe.length || previousChannels.ssubscribe.length) {
          let pending = 0;
          for (const type of ["subscribe", "psubscribe", "ssubscribe"]) {
            const channels2 = previousChannels[type];
            if (channels2.length == 0) {
              continue;
            }
            debug("%s %d channels", type, channels2.length);
            if (type === "ssubscribe") {
              for (const channel2 of channels2) {
                pending += 1;
                this.subscriber[type](channel2).then(() => {
                  if (!--pending) {
                    this.lastActiveSubscriber = this.subscriber;
                  }
                }).catch(() => {
                  debug("failed to ssubscribe to channel: %s", channel2);
                });
              }
            } else {
              pending += 1;
              this.subscriber[type](channels2).then(() => {
                if (!--pending) {
                  this.lastActiveSubscriber = this.subscriber;
                }
              }).catch(() => {
                debug("failed to %s %d channels", type, channels2.length);
              });
            }
          }
        } else {
          this.lastActiveSubscriber = this.subscriber;
        }
        for (const event of [
          "message",
          "messageBuffer"
        ]) {
          this.subscriber.on(event, (arg1, arg2) => {
            this.emitter.emit(event, arg1, arg2);
          });
        }
        for (const event of ["pmessage", "pmessageBuffer"]) {
          this.subscriber.on(event, (arg1, arg2, arg3) => {
            this.emitter.emit(event, arg1, arg2, arg3);
          });
        }
        if (this.isSharded == true) {
          for (const event of [
            "smessage",
            "smessageBuffer"
          ]) {
            this.subscriber.on(event, (arg1, arg2) => {
              this.emitter.emit(event, arg1, arg2);
            });
          }
        }
      }
    };
    exports2.default = ClusterSubscriber;
  }
});

// ../node_modules/ioredis/built/cluster/ConnectionPool.js
var require_ConnectionPool = __commonJS({
  "../node_modules/ioredis/built/cluster/ConnectionPool.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var events_1 = require("events");
    var utils_1 = require_utils4();
    var util_1 = require_util2();
    var Redis_1 = require_Redis();
    var debug = (0, utils_1.Debug)("cluster:connectionPool");
    var ConnectionPool = class extends events_1.EventEmitter {
      constructor(redisOptions) {
        super();
        this.redisOptions = redisOptions;
        this.nodes = {
          all: {},
          master: {},
          slave: {}
        };
        this.specifiedOptions = {};
      }
      getNodes(role = "all") {
        const nodes = this.nodes[role];
        return Object.keys(nodes).map((key) => nodes[key]);
      }
      getInstanceByKey(key) {
        return this.nodes.all[key];
      }
      getSampleInstance(role) {
        const keys = Object.keys(this.nodes[role]);
        const sampleKey = (0, utils_1.sample)(keys);
        return this.nodes[role][sampleKey];
      }
      /**
       * Add a master node to the pool
       * @param node
       */
      addMasterNode(node) {
        const key = (0, util_1.getNodeKey)(node.options);
        const redis = this.createRedisFromOptions(node, node.options.readOnly);
        if (!node.options.readOnly) {
          this.nodes.all[key] = redis;
          this.nodes.master[key] = redis;
          return true;
        }
        return false;
      }
      /**
       * Creates a Redis connection instance from the node options
       * @param node
       * @param readOnly
       */
      createRedisFromOptions(node, readOnly) {
        const redis = new Redis_1.default((0, utils_1.defaults)({
          // Never try to reconnect when a node is lose,
          // instead, waiting for a `MOVED` error and
          // fetch the slots again.
          retryStrategy: null,
          // Offline queue should be enabled so that
          // we don't need to wait for the `ready` event
          // before sending commands to the node.
          enableOfflineQueue: true,
          readOnly
        }, node, this.redisOptions, { lazyConnect: true }));
        return redis;
      }
      /**
       * Find or create a connection to the node
       */
      findOrCreate(node, readOnly = false) {
        const key = (0, util_1.getNodeKey)(node);
        readOnly = Boolean(readOnly);
        if (this.specifiedOptions[key]) {
          Object.assign(node, this.specifiedOptions[key]);
        } else {
          this.specifiedOptions[key] = node;
        }
        let redis;
        if (this.nodes.all[key]) {
          redis = this.nodes.all[key];
          if (redis.options.readOnly !== readOnly) {
            redis.options.readOnly = readOnly;
            debug("Change role of %s to %s", key, readOnly ? "slave" : "master");
            redis[readOnly ? "readonly" : "readwrite"]().catch(utils_1.noop);
            if (readOnly) {
              delete this.nodes.master[key];
              this.nodes.slave[key] = redis;
            } else {
              delete this.nodes.slave[key];
              this.nodes.master[key] = redis;
            }
          }
        } else {
          debug("Connecting to %s as %s", key, readOnly ? "slave" : "master");
          redis = this.createRedisFromOptions(node, readOnly);
          this.nodes.all[key] = redis;
          this.nodes[readOnly ? "slave" : "master"][key] = redis;
          redis.once("end", () => {
            this.removeNode(key);
            this.emit("-node", redis, key);
            if (!Object.keys(this.nodes.all).length) {
              this.emit("drain");
            }
          });
          this.emit("+node", redis, key);
          redis.on("error", function(error) {
            this.emit("nodeError", error, key);
          });
        }
        return redis;
      }
      /**
       * Reset the pool with a set of nodes.
       * The old node will be removed.
       */
      reset(nodes) {
        debug("Reset with %O", nodes);
        const newNodes = {};
        nodes.forEach((node) => {
          const key = (0, util_1.getNodeKey)(node);
          if (!(node.readOnly && newNodes[key])) {
            newNodes[key] = node;
          }
        });
        Object.keys(this.nodes.all).forEach((key) => {
          if (!newNodes[key]) {
            debug("Disconnect %s because the node does not hold any slot", key);
            this.nodes.all[key].disconnect();
            this.removeNode(key);
          }
        });
        Object.keys(newNodes).forEach((key) => {
          const node = newNodes[key];
          this.findOrCreate(node, node.readOnly);
        });
      }
      /**
       * Remove a node from the pool.
       */
      removeNode(key) {
        const { nodes } = this;
        if (nodes.all[key]) {
          debug("Remove %s from the pool", key);
          delete nodes.all[key];
        }
        delete nodes.master[key];
        delete nodes.slave[key];
      }
    };
    exports2.default = ConnectionPool;
  }
});

// ../node_modules/denque/index.js
var require_denque = __commonJS({
  "../node_modules/denque/index.js"(exports2, module2) {
    "use strict";
    function Denque(array, options) {
      var options = options || {};
      this._capacity = options.capacity;
      this._head = 0;
      this._tail = 0;
      if (Array.isArray(array)) {
        this._fromArray(array);
      } else {
        this._capacityMask = 3;
        this._list = new Array(4);
      }
    }
    Denque.prototype.peekAt = function peekAt(index) {
      var i = index;
      if (i !== (i | 0)) {
        return void 0;
      }
      var len = this.size();
      if (i >= len || i < -len) return void 0;
      if (i < 0) i += len;
      i = this._head + i & this._capacityMask;
      return this._list[i];
    };
    Denque.prototype.get = function get(i) {
      return this.peekAt(i);
    };
    Denque.prototype.peek = function peek() {
      if (this._head === this._tail) return void 0;
      return this._list[this._head];
    };
    Denque.prototype.peekFront = function peekFront() {
      return this.peek();
    };
    Denque.prototype.peekBack = function peekBack() {
      return this.peekAt(-1);
    };
    Object.defineProperty(Denque.prototype, "length", {
      get: function length() {
        return this.size();
      }
    });
    Denque.prototype.size = function size() {
      if (this._head === this._tail) return 0;
      if (this._head < this._tail) return this._tail - this._head;
      else return this._capacityMask + 1 - (this._head - this._tail);
    };
    Denque.prototype.unshift = function unshift(item) {
      if (arguments.length === 0) return this.size();
      var len = this._list.length;
      this._head = this._head - 1 + len & this._capacityMask;
      this._list[this._head] = item;
      if (this._tail === this._head) this._growArray();
      if (this._capacity && this.size() > this._capacity) this.pop();
      if (this._head < this._tail) return this._tail - this._head;
      else return this._capacityMask + 1 - (this._head - this._tail);
    };
    Denque.prototype.shift = function shift() {
      var head = this._head;
      if (head === this._tail) return void 0;
      var item = this._list[head];
      this._list[head] = void 0;
      this._head = head + 1 & this._capacityMask;
      if (head < 2 && this._tail > 1e4 && this._tail <= this._list.length >>> 2) this._shrinkArray();
      return item;
    };
    Denque.prototype.push = function push(item) {
      if (arguments.length === 0) return this.size();
      var tail = this._tail;
      this._list[tail] = item;
      this._tail = tail + 1 & this._capacityMask;
      if (this._tail === this._head) {
        this._growArray();
      }
      if (this._capacity && this.size() > this._capacity) {
        this.shift();
      }
      if (this._head < this._tail) return this._tail - this._head;
      else return this._capacityMask + 1 - (this._head - this._tail);
    };
    Denque.prototype.pop = function pop() {
      var tail = this._tail;
      if (tail === this._head) return void 0;
      var len = this._list.length;
      this._tail = tail - 1 + len & this._capacityMask;
      var item = this._list[this._tail];
      this._list[this._tail] = void 0;
      if (this._head < 2 && tail > 1e4 && tail <= len >>> 2) this._shrinkArray();
      return item;
    };
    Denque.prototype.removeOne = function removeOne(index) {
      var i = index;
      if (i !== (i | 0)) {
        return void 0;
      }
      if (this._head === this._tail) return void 0;
      var size = this.size();
      var len = this._list.length;
      if (i >= size || i < -size) return void 0;
      if (i < 0) i += size;
      i = this._head + i & this._capacityMask;
      var item = this._list[i];
      var k;
      if (index < size / 2) {
        for (k = index; k > 0; k--) {
          this._list[i] = this._list[i = i - 1 + len & this._capacityMask];
        }
        this._list[i] = void 0;
        this._head = this._head + 1 + len & this._capacityMask;
      } else {
        for (k = size - 1 - index; k > 0; k--) {
          this._list[i] = this._list[i = i + 1 + len & this._capacityMask];
        }
        this._list[i] = void 0;
        this._tail = this._tail - 1 + len & this._capacityMask;
      }
      return item;
    };
    Denque.prototype.remove = function remove(index, count) {
      var i = index;
      var removed;
      var del_count = count;
      if (i !== (i | 0)) {
        return void 0;
      }
      if (this._head === this._tail) return void 0;
      var size = this.size();
      var len = this._list.length;
      if (i >= size || i < -size || count < 1) return void 0;
      if (i < 0) i += size;
      if (count === 1 || !count) {
        removed = new Array(1);
        removed[0] = this.removeOne(i);
        return removed;
      }
      if (i === 0 && i + count >= size) {
        removed = this.toArray();
        this.clear();
        return removed;
      }
      if (i + count > size) count = size - i;
      var k;
      removed = new Array(count);
      for (k = 0; k < count; k++) {
        removed[k] = this._list[this._head + i + k & this._capacityMask];
      }
      i = this._head + i & this._capacityMask;
      if (index + count === size) {
        this._tail = this._tail - count + len & this._capacityMask;
        for (k = count; k > 0; k--) {
          this._list[i = i + 1 + len & this._capacityMask] = void 0;
        }
        return removed;
      }
      if (index === 0) {
        this._head = this._head + count + len & this._capacityMask;
        for (k = count - 1; k > 0; k--) {
          this._list[i = i + 1 + len & this._capacityMask] = void 0;
        }
        return removed;
      }
      if (i < size / 2) {
        this._head = this._head + index + count + len & this._capacityMask;
        for (k = index; k > 0; k--) {
          this.unshift(this._list[i = i - 1 + len & this._capacityMask]);
        }
        i = this._head - 1 + len & this._capacityMask;
        while (del_count > 0) {
          this._list[i = i - 1 + len & this._capacityMask] = void 0;
          del_count--;
        }
        if (index < 0) this._tail = i;
      } else {
        this._tail = i;
        i = i + count + len & this._capacityMask;
        for (k = size - (count + index); k > 0; k--) {
          this.push(this._list[i++]);
        }
        i = this._tail;
        while (del_count > 0) {
          this._list[i = i + 1 + len & this._capacityMask] = void 0;
          del_count--;
        }
      }
      if (this._head < 2 && this._tail > 1e4 && this._tail <= len >>> 2) this._shrinkArray();
      return removed;
    };
    Denque.prototype.splice = function splice(index, count) {
      var i = index;
      if (i !== (i | 0)) {
        return void 0;
      }
      var size = this.size();
      if (i < 0) i += size;
      if (i > size) return void 0;
      if (arguments.length > 2) {
        var k;
        var temp;
        var removed;
        var arg_len = arguments.length;
        var len = this._list.length;
        var arguments_index = 2;
        if (!size || i < size / 2) {
          temp = new Array(i);
          for (k = 0; k < i; k++) {
            temp[k] = this._list[this._head + k & this._capacityMask];
          }
          if (count === 0) {
            removed = [];
            if (i > 0) {
              this._head = this._head + i + len & this._capacityMask;
            }
          } else {
            removed = this.remove(i, count);
            this._head = this._head + i + len & this._capacityMask;
          }
          while (arg_len > arguments_index) {
            this.unshift(arguments[--arg_len]);
          }
          for (k = i; k > 0; k--) {
            this.unshift(temp[k - 1]);
          }
        } else {
          temp = new Array(size - (i + count));
          var leng = temp.length;
          for (k = 0; k < leng; k++) {
            temp[k] = this._list[this._head + i + count + k & this._capacityMask];
          }
          if (count === 0) {
            removed = [];
            if (i != size) {
              this._tail = this._head + i + len & this._capacityMask;
            }
          } else {
            removed = this.remove(i, count);
            this._tail = this._tail - leng + len & this._capacityMask;
          }
          while (arguments_index < arg_len) {
            this.push(arguments[arguments_index++]);
          }
          for (k = 0; k < leng; k++) {
            this.push(temp[k]);
          }
        }
        return removed;
      } else {
        return this.remove(i, count);
      }
    };
    Denque.prototype.clear = function clear() {
      this._list = new Array(this._list.length);
      this._head = 0;
      this._tail = 0;
    };
    Denque.prototype.isEmpty = function isEmpty() {
      return this._head === this._tail;
    };
    Denque.prototype.toArray = function toArray() {
      return this._copyArray(false);
    };
    Denque.prototype._fromArray = function _fromArray(array) {
      var length = array.length;
      var capacity = this._nextPowerOf2(length);
      this._list = new Array(capacity);
      this._capacityMask = capacity - 1;
      this._tail = length;
      for (var i = 0; i < length; i++) this._list[i] = array[i];
    };
    Denque.prototype._copyArray = function _copyArray(fullCopy, size) {
      var src = this._list;
      var capacity = src.length;
      var length = this.length;
      size = size | length;
      if (size == length && this._head < this._tail) {
        return this._list.slice(this._head, this._tail);
      }
      var dest = new Array(size);
      var k = 0;
      var i;
      if (fullCopy || this._head > this._tail) {
        for (i = this._head; i < capacity; i++) dest[k++] = src[i];
        for (i = 0; i < this._tail; i++) dest[k++] = src[i];
      } else {
        for (i = this._head; i < this._tail; i++) dest[k++] = src[i];
      }
      return dest;
    };
    Denque.prototype._growArray = function _growArray() {
      if (this._head != 0) {
        var newList = this._copyArray(true, this._list.length << 1);
        this._tail = this._list.length;
        this._head = 0;
        this._list = newList;
      } else {
        this._tail = this._list.length;
        this._list.length <<= 1;
      }
      this._capacityMask = this._capacityMask << 1 | 1;
    };
    Denque.prototype._shrinkArray = function _shrinkArray() {
      this._list.length >>>= 1;
      this._capacityMask >>>= 1;
    };
    Denque.prototype._nextPowerOf2 = function _nextPowerOf2(num) {
      var log2 = Math.log(num) / Math.log(2);
      var nextPow2 = 1 << log2 + 1;
      return Math.max(nextPow2, 4);
    };
    module2.exports = Denque;
  }
});

// ../node_modules/ioredis/built/cluster/DelayQueue.js
var require_DelayQueue = __commonJS({
  "../node_modules/ioredis/built/cluster/DelayQueue.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var utils_1 = require_utils4();
    var Deque = require_denque();
    var debug = (0, utils_1.Debug)("delayqueue");
    var DelayQueue = class {
      constructor() {
        this.queues = {};
        this.timeouts = {};
      }
      /**
       * Add a new item to the queue
       *
       * @param bucket bucket name
       * @param item function that will run later
       * @param options
       */
      push(bucket, item, options) {
        const callback = options.callback || process.nextTick;
        if (!this.queues[bucket]) {
          this.queues[bucket] = new Deque();
        }
        const queue = this.queues[bucket];
        queue.push(item);
        if (!this.timeouts[bucket]) {
          this.timeouts[bucket] = setTimeout(() => {
            callback(() => {
              this.timeouts[bucket] = null;
              this.execute(bucket);
            });
          }, options.timeout);
        }
      }
      execute(bucket) {
        const queue = this.queues[bucket];
        if (!queue) {
          return;
        }
        const { length } = queue;
        if (!length) {
          return;
        }
        debug("send %d commands in %s queue", length, bucket);
        this.queues[bucket] = null;
        while (queue.length > 0) {
          queue.shift()();
        }
      }
    };
    exports2.default = DelayQueue;
  }
});

// ../node_modules/ioredis/built/cluster/ShardedSubscriber.js
var require_ShardedSubscriber = __commonJS({
  "../node_modules/ioredis/built/cluster/ShardedSubscriber.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var util_1 = require_util2();
    var utils_1 = require_utils4();
    var Redis_1 = require_Redis();
    var debug = (0, utils_1.Debug)("cluster:subscriberGroup:shardedSubscriber");
    var ShardedSubscriber = class {
      constructor(emitter, options) {
        this.emitter = emitter;
        this.started = false;
        this.instance = null;
        this.messageListeners = /* @__PURE__ */ new Map();
        this.onEnd = () => {
          this.started = false;
          this.emitter.emit("-node", this.instance, this.nodeKey);
        };
        this.onError = (error) => {
          this.emitter.emit("nodeError", error, this.nodeKey);
        };
        this.onMoved = () => {
          this.emitter.emit("moved");
        };
        this.instance = new Redis_1.default({
          port: options.port,
          host: options.host,
          username: options.username,
          password: options.password,
          enableReadyCheck: false,
          offlineQueue: true,
          connectionName: (0, util_1.getConnectionName)("ssubscriber", options.connectionName),
          lazyConnect: true,
          tls: options.tls,
          /**
           * Disable auto reconnection for subscribers.
           * The ClusterSubscriberGroup will handle the reconnection.
           */
          retryStrategy: null
        });
        this.nodeKey = (0, util_1.getNodeKey)(options);
        this.instance.once("end", this.onEnd);
        this.instance.on("error", this.onError);
        this.instance.on("moved", this.onMoved);
        for (const event of ["smessage", "smessageBuffer"]) {
          const listener = (...args) => {
            this.emitter.emit(event, ...args);
          };
          this.messageListeners.set(event, listener);
          this.instance.on(event, listener);
        }
      }
      async start() {
        if (this.started) {
          debug("already started %s", this.nodeKey);
          return;
        }
        try {
          await this.instance.connect();
          debug("started %s", this.nodeKey);
          this.started = true;
        } catch (err) {
          debug("failed to start %s: %s", this.nodeKey, err);
          this.started = false;
          throw err;
        }
      }
      stop() {
        this.started = false;
        if (this.instance) {
          this.instance.disconnect();
          this.instance.removeAllListeners();
          this.messageListeners.clear();
          this.instance = null;
        }
        debug("stopped %s", this.nodeKey);
      }
      isStarted() {
        return this.started;
      }
      getInstance() {
        return this.instance;
      }
      getNodeKey() {
        return this.nodeKey;
      }
    };
    exports2.default = ShardedSubscriber;
  }
});

// ../node_modules/ioredis/built/cluster/ClusterSubscriberGroup.js
var require_ClusterSubscriberGroup = __commonJS({
  "../node_modules/ioredis/built/cluster/ClusterSubscriberGroup.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var utils_1 = require_utils4();
    var util_1 = require_util2();
    var calculateSlot = require_lib();
    var ShardedSubscriber_1 = require_ShardedSubscriber();
    var debug = (0, utils_1.Debug)("cluster:subscriberGroup");
    var ClusterSubscriberGroup = class _ClusterSubscriberGroup {
      /**
       * Register callbacks
       *
       * @param cluster
       */
      constructor(subscriberGroupEmitter) {
        this.subscriberGroupEmitter = subscriberGroupEmitter;
        this.shardedSubscribers = /* @__PURE__ */ new Map();
        this.clusterSlots = [];
        this.subscriberToSlotsIndex = /* @__PURE__ */ new Map();
        this.channels = /* @__PURE__ */ new Map();
        this.failedAttemptsByNode = /* @__PURE__ */ new Map();
        this.isResetting = false;
        this.pendingReset = null;
        this.handleSubscriberConnectFailed = (error, nodeKey) => {
          const currentAttempts = this.failedAttemptsByNode.get(nodeKey) || 0;
          const failedAttempts = currentAttempts + 1;
          this.failedAttemptsByNode.set(nodeKey, failedAttempts);
          const attempts = Math.min(failedAttempts, _ClusterSubscriberGroup.MAX_RETRY_ATTEMPTS);
          const backoff = Math.min(_ClusterSubscriberGroup.BASE_BACKOFF_MS * 2 ** attempts, _ClusterSubscriberGroup.MAX_BACKOFF_MS);
          const jitter = Math.floor((Math.random() - 0.5) * (backoff * 0.5));
          const delay = Math.max(0, backoff + jitter);
          debug("Failed to connect subscriber for %s. Refreshing slots in %dms", nodeKey, delay);
          this.subscriberGroupEmitter.emit("subscriberConnectFailed", {
            delay,
            error
          });
        };
        this.handleSubscriberConnectSucceeded = (nodeKey) => {
          this.failedAttemptsByNode.delete(nodeKey);
        };
      }
      /**
       * Get the responsible subscriber.
       *
       * @param slot
       */
      getResponsibleSubscriber(slot) {
        const nodeKey = this.clusterSlots[slot][0];
        return this.shardedSubscribers.get(nodeKey);
      }
      /**
       * Adds a channel for which this subscriber group is responsible
       *
       * @param channels
       */
      addChannels(channels2) {
        const slot = calculateSlot(channels2[0]);
        for (const c of channels2) {
          if (calculateSlot(c) !== slot) {
            return -1;
          }
        }
        const currChannels = this.channels.get(slot);
        if (!currChannels) {
          this.channels.set(slot, channels2);
        } else {
          this.channels.set(slot, currChannels.concat(channels2));
        }
        return Array.from(this.channels.values()).reduce((sum, array) => sum + array.length, 0);
      }
      /**
       * Removes channels for which the subscriber group is responsible by optionally unsubscribing
       * @param channels
       */
      removeChannels(channels2) {
        const slot = calculateSlot(channels2[0]);
        for (const c of channels2) {
          if (calculateSlot(c) !== slot) {
            return -1;
          }
        }
        const slotChannels = this.channels.get(slot);
        if (slotChannels) {
          const updatedChannels = slotChannels.filter((c) => !channels2.includes(c));
          this.channels.set(slot, updatedChannels);
        }
        return Array.from(this.channels.values()).reduce((sum, array) => sum + array.length, 0);
      }
      /**
       * Disconnect all subscribers and clear some of the internal state.
       */
      stop() {
        for (const s of this.shardedSubscribers.values()) {
          s.stop();
        }
        this.pendingReset = null;
        this.shardedSubscribers.clear();
        this.subscriberToSlotsIndex.clear();
      }
      /**
       * Start all not yet started subscribers
       */
      start() {
        const startPromises = [];
        for (const s of this.shardedSubscribers.values()) {
          if (!s.isStarted()) {
            startPromises.push(s.start().then(() => {
              this.handleSubscriberConnectSucceeded(s.getNodeKey());
            }).catch((err) => {
              this.handleSubscriberConnectFailed(err, s.getNodeKey());
            }));
          }
        }
        return Promise.all(startPromises);
      }
      /**
       * Resets the subscriber group by disconnecting all subscribers that are no longer needed and connecting new ones.
       */
      async reset(clusterSlots, clusterNodes) {
        if (this.isResetting) {
          this.pendingReset = { slots: clusterSlots, nodes: clusterNodes };
          return;
        }
        this.isResetting = true;
        try {
          const hasTopologyChanged = this._refreshSlots(clusterSlots);
          const hasFailedSubscribers = this.hasUnhealthySubscribers();
          if (!hasTopologyChanged && !hasFailedSubscribers) {
            debug("No topology change detected or failed subscribers. Skipping reset.");
            return;
          }
          for (const [nodeKey, shardedSubscriber] of this.shardedSubscribers) {
            if (
              // If the subscriber is still responsible for a slot range and is running then keep it
              this.subscriberToSlotsIndex.has(nodeKey) && shardedSubscriber.isStarted()
            ) {
              debug("Skipping deleting subscriber for %s", nodeKey);
              continue;
            }
            debug("Removing subscriber for %s", nodeKey);
            shardedSubscriber.stop();
            this.shardedSubscribers.delete(nodeKey);
            this.subscriberGroupEmitter.emit("-subscriber");
          }
          const startPromises = [];
          for (const [nodeKey, _] of this.subscriberToSlotsIndex) {
            if (this.shardedSubscribers.has(nodeKey)) {
              debug("Skipping creating new subscriber for %s", nodeKey);
              continue;
            }
            debug("Creating new subscriber for %s", nodeKey);
            const redis = clusterNodes.find((node) => {
              return (0, util_1.getNodeKey)(node.options) === nodeKey;
            });
            if (!redis) {
              debug("Failed to find node for key %s", nodeKey);
              continue;
            }
            const sub = new ShardedSubscriber_1.default(this.subscriberGroupEmitter, redis.options);
            this.shardedSubscribers.set(nodeKey, sub);
            startPromises.push(sub.start().then(() => {
              this.handleSubscriberConnectSucceeded(nodeKey);
            }).catch((error) => {
              this.handleSubscriberConnectFailed(error, nodeKey);
            }));
            this.subscriberGroupEmitter.emit("+subscriber");
          }
          await Promise.all(startPromises);
          this._resubscribe();
          this.subscriberGroupEmitter.emit("subscribersReady");
        } finally {
          this.isResetting = false;
          if (this.pendingReset) {
            const { slots, nodes } = this.pendingReset;
            this.pendingReset = null;
            await this.reset(slots, nodes);
          }
        }
      }
      /**
       * Refreshes the subscriber-related slot ranges
       *
       * Returns false if no refresh was needed
       *
       * @param targetSlots
       */
      _refreshSlots(targetSlots) {
        if (this._slotsAreEqual(targetSlots)) {
          debug("Nothing to refresh because the new cluster map is equal to the previous one.");
          return false;
        }
        debug("Refreshing the slots of the subscriber group.");
        this.subscriberToSlotsIndex = /* @__PURE__ */ new Map();
        for (let slot = 0; slot < targetSlots.length; slot++) {
          const node = targetSlots[slot][0];
          if (!this.subscriberToSlotsIndex.has(node)) {
            this.subscriberToSlotsIndex.set(node, []);
          }
          this.subscriberToSlotsIndex.get(node).push(Number(slot));
        }
        this.clusterSlots = JSON.parse(JSON.stringify(targetSlots));
        return true;
      }
      /**
       * Resubscribes to the previous channels
       *
       * @private
       */
      _resubscribe() {
        if (this.shardedSubscribers) {
          this.shardedSubscribers.forEach((s, nodeKey) => {
            const subscriberSlots = this.subscriberToSlotsIndex.get(nodeKey);
            if (subscriberSlots) {
              subscriberSlots.forEach((ss) => {
                const redis = s.getInstance();
                const channels2 = this.channels.get(ss);
                if (channels2 && channels2.length > 0) {
                  if (redis.status === "end") {
                    return;
                  }
                  if (redis.status === "ready") {
                    redis.ssubscribe(...channels2).catch((err) => {
                      debug("Failed to ssubscribe on node %s: %s", nodeKey, err);
                    });
                  } else {
                    redis.once("ready", () => {
                      redis.ssubscribe(...channels2).catch((err) => {
                        debug("Failed to ssubscribe on node %s: %s", nodeKey, err);
                      });
                    });
                  }
                }
              });
            }
          });
        }
      }
      /**
       * Deep equality of the cluster slots objects
       *
       * @param other
       * @private
       */
      _slotsAreEqual(other) {
        if (this.clusterSlots === void 0) {
          return false;
        } else {
          return JSON.stringify(this.clusterSlots) === JSON.stringify(other);
        }
      }
      /**
       * Checks if any subscribers are in an unhealthy state.
       *
       * A subscriber is considered unhealthy if:
       * - It exists but is not started (failed/disconnected)
       * - It's missing entirely for a node that should have one
       *
       * @returns true if any subscribers need to be recreated
       */
      hasUnhealthySubscribers() {
        const hasFailedSubscribers = Array.from(this.shardedSubscribers.values()).some((sub) => !sub.isStarted());
        const hasMissingSubscribers = Array.from(this.subscriberToSlotsIndex.keys()).some((nodeKey) => !this.shardedSubscribers.has(nodeKey));
        return hasFailedSubscribers || hasMissingSubscribers;
      }
    };
    exports2.default = ClusterSubscriberGroup;
    ClusterSubscriberGroup.MAX_RETRY_ATTEMPTS = 10;
    ClusterSubscriberGroup.MAX_BACKOFF_MS = 2e3;
    ClusterSubscriberGroup.BASE_BACKOFF_MS = 100;
  }
});

// ../node_modules/ioredis/built/cluster/index.js
var require_cluster2 = __commonJS({
  "../node_modules/ioredis/built/cluster/index.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var commands_1 = require_built();
    var events_1 = require("events");
    var redis_errors_1 = require_redis_errors();
    var standard_as_callback_1 = require_built2();
    var Command_1 = require_Command();
    var ClusterAllFailedError_1 = require_ClusterAllFailedError();
    var Redis_1 = require_Redis();
    var ScanStream_1 = require_ScanStream();
    var transaction_1 = require_transaction();
    var utils_1 = require_utils4();
    var applyMixin_1 = require_applyMixin();
    var Commander_1 = require_Commander();
    var ClusterOptions_1 = require_ClusterOptions();
    var ClusterSubscriber_1 = require_ClusterSubscriber();
    var ConnectionPool_1 = require_ConnectionPool();
    var DelayQueue_1 = require_DelayQueue();
    var util_1 = require_util2();
    var Deque = require_denque();
    var ClusterSubscriberGroup_1 = require_ClusterSubscriberGroup();
    var debug = (0, utils_1.Debug)("cluster");
    var REJECT_OVERWRITTEN_COMMANDS = /* @__PURE__ */ new WeakSet();
    var Cluster2 = class _Cluster extends Commander_1.default {
      /**
       * Creates an instance of Cluster.
       */
      //TODO: Add an option that enables or disables sharded PubSub
      constructor(startupNodes, options = {}) {
        super();
        this.slots = [];
        this._groupsIds = {};
        this._groupsBySlot = Array(16384);
        this.isCluster = true;
        this.retryAttempts = 0;
        this.delayQueue = new DelayQueue_1.default();
        this.offlineQueue = new Deque();
        this.isRefreshing = false;
        this._refreshSlotsCacheCallbacks = [];
        this._autoPipelines = /* @__PURE__ */ new Map();
        this._runningAutoPipelines = /* @__PURE__ */ new Set();
        this._readyDelayedCallbacks = [];
        this.connectionEpoch = 0;
        events_1.EventEmitter.call(this);
        this.startupNodes = startupNodes;
        this.options = (0, utils_1.defaults)({}, options, ClusterOptions_1.DEFAULT_CLUSTER_OPTIONS, this.options);
        if (this.options.shardedSubscribers) {
          this.createShardedSubscriberGroup();
        }
        if (this.options.redisOptions && this.options.redisOptions.keyPrefix && !this.options.keyPrefix) {
          this.options.keyPrefix = this.options.redisOptions.keyPrefix;
        }
        if (typeof this.options.scaleReads !== "function" && ["all", "master", "slave"].indexOf(this.options.scaleReads) === -1) {
          throw new Error('Invalid option scaleReads "' + this.options.scaleReads + '". Expected "all", "master", "slave" or a custom function');
        }
        this.connectionPool = new ConnectionPool_1.default(this.options.redisOptions);
        this.connectionPool.on("-node", (redis, key) => {
          this.emit("-node", redis);
        });
        this.connectionPool.on("+node", (redis) => {
          this.emit("+node", redis);
        });
        this.connectionPool.on("drain", () => {
          this.setStatus("close");
        });
        this.connectionPool.on("nodeError", (error, key) => {
          this.emit("node error", error, key);
        });
        this.subscriber = new ClusterSubscriber_1.default(this.connectionPool, this);
        if (this.options.scripts) {
          Object.entries(this.options.scripts).forEach(([name, definition]) => {
            this.defineCommand(name, definition);
          });
        }
        if (this.options.lazyConnect) {
          this.setStatus("wait");
        } else {
          this.connect().catch((err) => {
            debug("connecting failed: %s", err);
          });
        }
      }
      /**
       * Connect to a cluster
       */
      connect() {
        return new Promise((resolve, reject) => {
          if (this.status === "connecting" || this.status === "connect" || this.status === "ready") {
            reject(new Error("Redis is already connecting/connected"));
            return;
          }
          const epoch = ++this.connectionEpoch;
          this.setStatus("connecting");
          this.resolveStartupNodeHostnames().then((nodes) => {
            if (this.connectionEpoch !== epoch) {
              debug("discard connecting after resolving startup nodes because epoch not match: %d != %d", epoch, this.connectionEpoch);
              reject(new redis_errors_1.RedisError("Connection is discarded because a new connection is made"));
              return;
            }
            if (this.status !== "connecting") {
              debug("discard connecting after resolving startup nodes because the status changed to %s", this.status);
              reject(new redis_errors_1.RedisError("Connection is aborted"));
              return;
            }
            this.connectionPool.reset(nodes);
            if (this.options.shardedSubscribers) {
              this.shardedSubscribers.reset(this.slots, this.connectionPool.getNodes("all")).catch((err) => {
                debug("Error while starting subscribers: %s", err);
              });
            }
            const readyHandler = () => {
              this.setStatus("ready");
              this.retryAttempts = 0;
              this.executeOfflineCommands();
              this.resetNodesRefreshInterval();
              resolve();
            };
            let closeListener = void 0;
            const refreshListener = () => {
              this.invokeReadyDelayedCallbacks(void 0);
              this.removeListener("close", closeListener);
              this.manuallyClosing = false;
              this.setStatus("connect");
              if (this.options.enableReadyCheck) {
                this.readyCheck((err, fail) => {
                  if (err || fail) {
                    debug("Ready check failed (%s). Reconnecting...", err || fail);
                    if (this.status === "connect") {
                      this.disconnect(true);
                    }
                  } else {
                    readyHandler();
                  }
                });
              } else {
                readyHandler();
              }
            };
            closeListener = () => {
              const error = new Error("None of startup nodes is available");
              this.removeListener("refresh", refreshListener);
              this.invokeReadyDelayedCallbacks(error);
              reject(error);
            };
            this.once("refresh", refreshListener);
            this.once("close", closeListener);
            this.once("close", this.handleCloseEvent.bind(this));
            this.refreshSlotsCache((err) => {
              if (err && err.message === ClusterAllFailedError_1.default.defaultMessage) {
                Redis_1.default.prototype.silentEmit.call(this, "error", err);
                this.connectionPool.reset([]);
              }
            });
            this.subscriber.start();
            if (this.options.shardedSubscribers) {
              this.shardedSubscribers.start().catch((err) => {
                debug("Error while starting subscribers: %s", err);
              });
            }
          }).catch((err) => {
            this.setStatus("close");
            this.handleCloseEvent(err);
            this.invokeReadyDelayedCallbacks(err);
            reject(err);
          });
        });
      }
      /**
       * Disconnect from every node in the cluster.
       */
      disconnect(reconnect = false) {
        const status = this.status;
        this.setStatus("disconnecting");
        if (!reconnect) {
          this.manuallyClosing = true;
        }
        if (this.reconnectTimeout && !reconnect) {
          clearTimeout(this.reconnectTimeout);
          this.reconnectTimeout = null;
          debug("Canceled reconnecting attempts");
        }
        this.clearNodesRefreshInterval();
        this.subscriber.stop();
        if (this.options.shardedSubscribers) {
          this.shardedSubscribers.stop();
        }
        if (status === "wait") {
          this.setStatus("close");
          this.handleCloseEvent();
        } else {
          this.connectionPool.reset([]);
        }
      }
      /**
       * Quit the cluster gracefully.
       */
      quit(callback) {
        const status = this.status;
        this.setStatus("disconnecting");
        this.manuallyClosing = true;
        if (this.reconnectTimeout) {
          clearTimeout(this.reconnectTimeout);
          this.reconnectTimeout = null;
        }
        this.clearNodesRefreshInterval();
        this.subscriber.stop();
        if (this.options.shardedSubscribers) {
          this.shardedSubscribers.stop();
        }
        if (status === "wait") {
          const ret2 = (0, standard_as_callback_1.default)(Promise.resolve("OK"), callback);
          setImmediate(function() {
            this.setStatus("close");
            this.handleCloseEvent();
          }.bind(this));
          return ret2;
        }
        return (0, standard_as_callback_1.default)(Promise.all(this.nodes().map((node) => node.quit().catch((err) => {
          if (err.message === utils_1.CONNECTION_CLOSED_ERROR_MSG) {
            return "OK";
          }
          throw err;
        }))).then(() => "OK"), callback);
      }
      /**
       * Create a new instance with the same startup nodes and options as the current one.
       *
       * @example
       * ```js
       * var cluster = new Redis.Cluster([{ host: "127.0.0.1", port: "30001" }]);
       * var anotherCluster = cluster.duplicate();
       * ```
       */
      duplicate(overrideStartupNodes = [], overrideOptions = {}) {
        const startupNodes = overrideStartupNodes.length > 0 ? overrideStartupNodes : this.startupNodes.slice(0);
        const options = Object.assign({}, this.options, overrideOptions);
        return new _Cluster(startupNodes, options);
      }
      /**
       * Get nodes with the specified role
       */
      nodes(role = "all") {
        if (role !== "all" && role !== "master" && role !== "slave") {
          throw new Error('Invalid role "' + role + '". Expected "all", "master" or "slave"');
        }
        return this.connectionPool.getNodes(role);
      }
      /**
       * This is needed in order not to install a listener for each auto pipeline
       *
       * @ignore
       */
      delayUntilReady(callback) {
        this._readyDelayedCallbacks.push(callback);
      }
      /**
       * Get the number of commands queued in automatic pipelines.
       *
       * This is not available (and returns 0) until the cluster is connected and slots information have been received.
       */
      get autoPipelineQueueSize() {
        let queued = 0;
        for (const pipeline of this._autoPipelines.values()) {
          queued += pipeline.length;
        }
        return queued;
      }
      /**
       * Refresh the slot cache
       *
       * @ignore
       */
      refreshSlotsCache(callback) {
        if (callback) {
          this._refreshSlotsCacheCallbacks.push(callback);
        }
        if (this.isRefreshing) {
          return;
        }
        this.isRefreshing = true;
        const _this = this;
        const wrapper = (error) => {
          this.isRefreshing = false;
          for (const callback2 of this._refreshSlotsCacheCallbacks) {
            callback2(error);
          }
          this._refreshSlotsCacheCallbacks = [];
        };
        const nodes = (0, utils_1.shuffle)(this.connectionPool.getNodes());
        let lastNodeError = null;
        function tryNode(index) {
          if (index === nodes.length) {
            const error = new ClusterAllFailedError_1.default(ClusterAllFailedError_1.default.defaultMessage, lastNodeError);
            return wrapper(error);
          }
          const node = nodes[index];
          const key = `${node.options.host}:${node.options.port}`;
          debug("getting slot cache from %s", key);
          _this.getInfoFromNode(node, function(err) {
            switch (_this.status) {
              case "close":
              case "end":
                return wrapper(new Error("Cluster is disconnected."));
              case "disconnecting":
                return wrapper(new Error("Cluster is disconnecting."));
            }
            if (err) {
              _this.emit("node error", err, key);
              lastNodeError = err;
              tryNode(index + 1);
            } else {
              _this.emit("refresh");
              wrapper();
            }
          });
        }
        tryNode(0);
      }
      /**
       * @ignore
       */
      sendCommand(command, stream, node) {
        if (this.status === "wait") {
          this.connect().catch(utils_1.noop);
        }
        if (this.status === "end") {
          command.reject(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
          return command.promise;
        }
        let to = this.options.scaleReads;
        if (to !== "master") {
          const isCommandReadOnly = command.isReadOnly || (0, commands_1.exists)(command.name) && (0, commands_1.hasFlag)(command.name, "readonly");
          if (!isCommandReadOnly) {
            to = "master";
          }
        }
        let targetSlot = node ? node.slot : command.getSlot();
        const ttl = {};
        const _this = this;
        if (!node && !REJECT_OVERWRITTEN_COMMANDS.has(command)) {
          REJECT_OVERWRITTEN_COMMANDS.add(command);
          const reject = command.reject;
          command.reject = function(err) {
            const partialTry = tryConnection.bind(null, true);
            _this.handleError(err, ttl, {
              moved: function(slot, key) {
                debug("command %s is moved to %s", command.name, key);
                targetSlot = Number(slot);
                if (_this.slots[slot]) {
                  _this.slots[slot][0] = key;
                } else {
                  _this.slots[slot] = [key];
                }
                _this._groupsBySlot[slot] = _this._groupsIds[_this.slots[slot].join(";")];
                _this.connectionPool.findOrCreate(_this.natMapper(key));
                tryConnection();
                debug("refreshing slot caches... (triggered by MOVED error)");
                _this.refreshSlotsCache();
              },
              ask: function(slot, key) {
                debug("command %s is required to ask %s:%s", command.name, key);
                const mapped = _this.natMapper(key);
                _this.connectionPool.findOrCreate(mapped);
                tryConnection(false, `${mapped.host}:${mapped.port}`);
              },
              tryagain: partialTry,
              clusterDown: partialTry,
              connectionClosed: partialTry,
              maxRedirections: function(redirectionError) {
                reject.call(command, redirectionError);
              },
              defaults: function() {
                reject.call(command, err);
              }
            });
          };
        }
        tryConnection();
        function tryConnection(random, asking) {
          if (_this.status === "end") {
            command.reject(new redis_errors_1.AbortError("Cluster is ended."));
            return;
          }
          let redis;
          if (_this.status === "ready" || command.name === "cluster") {
            if (node && node.redis) {
              redis = node.redis;
            } else if (Command_1.default.checkFlag("ENTER_SUBSCRIBER_MODE", command.name) || Command_1.default.checkFlag("EXIT_SUBSCRIBER_MODE", command.name)) {
              if (_this.options.shardedSubscribers && (command.name == "ssubscribe" || command.name == "sunsubscribe")) {
                const sub = _this.shardedSubscribers.getResponsibleSubscriber(targetSlot);
                if (!sub) {
                  command.reject(new redis_errors_1.AbortError(`No sharded subscriber for slot: ${targetSlot}`));
                  return;
                }
                let status = -1;
                if (command.name == "ssubscribe") {
                  status = _this.shardedSubscribers.addChannels(command.getKeys());
                }
                if (command.name == "sunsubscribe") {
                  status = _this.shardedSubscribers.removeChannels(command.getKeys());
                }
                if (status !== -1) {
                  redis = sub.getInstance();
                } else {
                  command.reject(new redis_errors_1.AbortError("Possible CROSSSLOT error: All channels must hash to the same slot"));
                }
              } else {
                redis = _this.subscriber.getInstance();
              }
              if (!redis) {
                command.reject(new redis_errors_1.AbortError("No subscriber for the cluster"));
                return;
              }
            } else {
              if (!random) {
                if (typeof targetSlot === "number" && _this.slots[targetSlot]) {
                  const nodeKeys = _this.slots[targetSlot];
                  if (typeof to === "function") {
                    const nodes = nodeKeys.map(function(key) {
                      return _this.connectionPool.getInstanceByKey(key);
                    });
                    redis = to(nodes, command);
                    if (Array.isArray(redis)) {
                      redis = (0, utils_1.sample)(redis);
                    }
                    if (!redis) {
                      redis = nodes[0];
                    }
                  } else {
                    let key;
                    if (to === "all") {
                      key = (0, utils_1.sample)(nodeKeys);
                    } else if (to === "slave" && nodeKeys.length > 1) {
                      key = (0, utils_1.sample)(nodeKeys, 1);
                    } else {
                      key = nodeKeys[0];
                    }
                    redis = _this.connectionPool.getInstanceByKey(key);
                  }
                }
                if (asking) {
                  redis = _this.connectionPool.getInstanceByKey(asking);
                  redis.asking();
                }
              }
              if (!redis) {
                redis = (typeof to === "function" ? null : _this.connectionPool.getSampleInstance(to)) || _this.connectionPool.getSampleInstance("all");
              }
            }
            if (node && !node.redis) {
              node.redis = redis;
            }
          }
          if (redis) {
            redis.sendCommand(command, stream);
          } else if (_this.options.enableOfflineQueue) {
            _this.offlineQueue.push({
              command,
              stream,
              node
            });
          } else {
            command.reject(new Error("Cluster isn't ready and enableOfflineQueue options is false"));
          }
        }
        return command.promise;
      }
      sscanStream(key, options) {
        return this.createScanStream("sscan", { key, options });
      }
      sscanBufferStream(key, options) {
        return this.createScanStream("sscanBuffer", { key, options });
      }
      hscanStream(key, options) {
        return this.createScanStream("hscan", { key, options });
      }
      hscanBufferStream(key, options) {
        return this.createScanStream("hscanBuffer", { key, options });
      }
      zscanStream(key, options) {
        return this.createScanStream("zscan", { key, options });
      }
      zscanBufferStream(key, options) {
        return this.createScanStream("zscanBuffer", { key, options });
      }
      /**
       * @ignore
       */
      handleError(error, ttl, handlers) {
        if (typeof ttl.value === "undefined") {
          ttl.value = this.options.maxRedirections;
        } else {
          ttl.value -= 1;
        }
        if (ttl.value <= 0) {
          handlers.maxRedirections(new Error("Too many Cluster redirections. Last error: " + error));
          return;
        }
        const errv = error.message.split(" ");
        if (errv[0] === "MOVED") {
          const timeout = this.options.retryDelayOnMoved;
          if (timeout && typeof timeout === "number") {
            this.delayQueue.push("moved", handlers.moved.bind(null, errv[1], errv[2]), { timeout });
          } else {
            handlers.moved(errv[1], errv[2]);
          }
        } else if (errv[0] === "ASK") {
          handlers.ask(errv[1], errv[2]);
        } else if (errv[0] === "TRYAGAIN") {
          this.delayQueue.push("tryagain", handlers.tryagain, {
            timeout: this.options.retryDelayOnTryAgain
          });
        } else if (errv[0] === "CLUSTERDOWN" && this.options.retryDelayOnClusterDown > 0) {
          this.delayQueue.push("clusterdown", handlers.connectionClosed, {
            timeout: this.options.retryDelayOnClusterDown,
            callback: this.refreshSlotsCache.bind(this)
          });
        } else if (error.message === utils_1.CONNECTION_CLOSED_ERROR_MSG && this.options.retryDelayOnFailover > 0 && this.status === "ready") {
          this.delayQueue.push("failover", handlers.connectionClosed, {
            timeout: this.options.retryDelayOnFailover,
            callback: this.refreshSlotsCache.bind(this)
          });
        } else {
          handlers.defaults();
        }
      }
      resetOfflineQueue() {
        this.offlineQueue = new Deque();
      }
      clearNodesRefreshInterval() {
        if (this.slotsTimer) {
          clearTimeout(this.slotsTimer);
          this.slotsTimer = null;
        }
      }
      resetNodesRefreshInterval() {
        if (this.slotsTimer || !this.options.slotsRefreshInterval) {
          return;
        }
        const nextRound = () => {
          this.slotsTimer = setTimeout(() => {
            debug('refreshing slot caches... (triggered by "slotsRefreshInterval" option)');
            this.refreshSlotsCache(() => {
              nextRound();
            });
          }, this.options.slotsRefreshInterval);
        };
        nextRound();
      }
      /**
       * Change cluster instance's status
       */
      setStatus(status) {
        debug("status: %s -> %s", this.status || "[empty]", status);
        this.status = status;
        process.nextTick(() => {
          this.emit(status);
        });
      }
      /**
       * Called when closed to check whether a reconnection should be made
       */
      handleCloseEvent(reason) {
        var _a;
        if (reason) {
          debug("closed because %s", reason);
        }
        let retryDelay;
        if (!this.manuallyClosing && typeof this.options.clusterRetryStrategy === "function") {
          retryDelay = this.options.clusterRetryStrategy.call(this, ++this.retryAttempts, reason);
        }
        if (typeof retryDelay === "number") {
          this.setStatus("reconnecting");
          this.reconnectTimeout = setTimeout(() => {
            this.reconnectTimeout = null;
            debug("Cluster is disconnected. Retrying after %dms", retryDelay);
            this.connect().catch(function(err) {
              debug("Got error %s when reconnecting. Ignoring...", err);
            });
          }, retryDelay);
        } else {
          if (this.options.shardedSubscribers) {
            (_a = this.subscriberGroupEmitter) === null || _a === void 0 ? void 0 : _a.removeAllListeners();
          }
          this.setStatus("end");
          this.flushQueue(new Error("None of startup nodes is available"));
        }
      }
      /**
       * Flush offline queue with error.
       */
      flushQueue(error) {
        let item;
        while (item = this.offlineQueue.shift()) {
          item.command.reject(error);
        }
      }
      executeOfflineCommands() {
        if (this.offlineQueue.length) {
          debug("send %d commands in offline queue", this.offlineQueue.length);
          const offlineQueue = this.offlineQueue;
          this.resetOfflineQueue();
          let item;
          while (item = offlineQueue.shift()) {
            this.sendCommand(item.command, item.stream, item.node);
          }
        }
      }
      natMapper(nodeKey) {
        const key = typeof nodeKey === "string" ? nodeKey : `${nodeKey.host}:${nodeKey.port}`;
        let mapped = null;
        if (this.options.natMap && typeof this.options.natMap === "function") {
          mapped = this.options.natMap(key);
        } else if (this.options.natMap && typeof this.options.natMap === "object") {
          mapped = this.options.natMap[key];
        }
        if (mapped) {
          debug("NAT mapping %s -> %O", key, mapped);
          return Object.assign({}, mapped);
        }
        return typeof nodeKey === "string" ? (0, util_1.nodeKeyToRedisOptions)(nodeKey) : nodeKey;
      }
      getInfoFromNode(redis, callback) {
        if (!redis) {
          return callback(new Error("Node is disconnected"));
        }
        const duplicatedConnection = redis.duplicate({
          enableOfflineQueue: true,
          enableReadyCheck: false,
          retryStrategy: null,
          connectionName: (0, util_1.getConnectionName)("refresher", this.options.redisOptions && this.options.redisOptions.connectionName)
        });
        duplicatedConnection.on("error", utils_1.noop);
        duplicatedConnection.cluster("SLOTS", (0, utils_1.timeout)((err, result) => {
          duplicatedConnection.disconnect();
          if (err) {
            debug("error encountered running CLUSTER.SLOTS: %s", err);
            return callback(err);
          }
          if (this.status === "disconnecting" || this.status === "close" || this.status === "end") {
            debug("ignore CLUSTER.SLOTS results (count: %d) since cluster status is %s", result.length, this.status);
            callback();
            return;
          }
          const nodes = [];
          debug("cluster slots result count: %d", result.length);
          for (let i = 0; i < result.length; ++i) {
            const items = result[i];
            const slotRangeStart = items[0];
            const slotRangeEnd = items[1];
            const keys = [];
            for (let j2 = 2; j2 < items.length; j2++) {
              if (!items[j2][0]) {
                continue;
              }
              const node = this.natMapper({
                host: items[j2][0],
                port: items[j2][1]
              });
              node.readOnly = j2 !== 2;
              nodes.push(node);
              keys.push(node.host + ":" + node.port);
            }
            debug("cluster slots result [%d]: slots %d~%d served by %s", i, slotRangeStart, slotRangeEnd, keys);
            for (let slot = slotRangeStart; slot <= slotRangeEnd; slot++) {
              this.slots[slot] = keys;
            }
          }
          this._groupsIds = /* @__PURE__ */ Object.create(null);
          let j = 0;
          for (let i = 0; i < 16384; i++) {
            const target = (this.slots[i] || []).join(";");
            if (!target.length) {
              this._groupsBySlot[i] = void 0;
              continue;
            }
            if (!this._groupsIds[target]) {
              this._groupsIds[target] = ++j;
            }
            this._groupsBySlot[i] = this._groupsIds[target];
          }
          this.connectionPool.reset(nodes);
          if (this.options.shardedSubscribers) {
            this.shardedSubscribers.reset(this.slots, this.connectionPool.getNodes("all")).catch((err2) => {
              debug("Error while starting subscribers: %s", err2);
            });
          }
          callback();
        }, this.options.slotsRefreshTimeout));
      }
      invokeReadyDelayedCallbacks(err) {
        for (const c of this._readyDelayedCallbacks) {
          process.nextTick(c, err);
        }
        this._readyDelayedCallbacks = [];
      }
      /**
       * Check whether Cluster is able to process commands
       */
      readyCheck(callback) {
        this.cluster("INFO", (err, res) => {
          if (err) {
            return callback(err);
          }
          if (typeof res !== "string") {
            return callback();
          }
          let state;
          const lines = res.split("\r\n");
          for (let i = 0; i < lines.length; ++i) {
            const parts = lines[i].split(":");
            if (parts[0] === "cluster_state") {
              state = parts[1];
              break;
            }
          }
          if (state === "fail") {
            debug("cluster state not ok (%s)", state);
            callback(null, state);
          } else {
            callback();
          }
        });
      }
      resolveSrv(hostname2) {
        return new Promise((resolve, reject) => {
          this.options.resolveSrv(hostname2, (err, records) => {
            if (err) {
              return reject(err);
            }
            const self2 = this, groupedRecords = (0, util_1.groupSrvRecords)(records), sortedKeys = Object.keys(groupedRecords).sort((a, b) => parseInt(a) - parseInt(b));
            function tryFirstOne(err2) {
              if (!sortedKeys.length) {
                return reject(err2);
              }
              const key = sortedKeys[0], group = groupedRecords[key], record = (0, util_1.weightSrvRecords)(group);
              if (!group.records.length) {
                sortedKeys.shift();
              }
              self2.dnsLookup(record.name).then((host) => resolve({
                host,
                port: record.port
              }), tryFirstOne);
            }
            tryFirstOne();
          });
        });
      }
      dnsLookup(hostname2) {
        return new Promise((resolve, reject) => {
          this.options.dnsLookup(hostname2, (err, address) => {
            if (err) {
              debug("failed to resolve hostname %s to IP: %s", hostname2, err.message);
              reject(err);
            } else {
              debug("resolved hostname %s to IP %s", hostname2, address);
              resolve(address);
            }
          });
        });
      }
      /**
       * Normalize startup nodes, and resolving hostnames to IPs.
       *
       * This process happens every time when #connect() is called since
       * #startupNodes and DNS records may chanage.
       */
      async resolveStartupNodeHostnames() {
        if (!Array.isArray(this.startupNodes) || this.startupNodes.length === 0) {
          throw new Error("`startupNodes` should contain at least one node.");
        }
        const startupNodes = (0, util_1.normalizeNodeOptions)(this.startupNodes);
        const hostnames = (0, util_1.getUniqueHostnamesFromOptions)(startupNodes);
        if (hostnames.length === 0) {
          return startupNodes;
        }
        const configs = await Promise.all(hostnames.map((this.options.useSRVRecords ? this.resolveSrv : this.dnsLookup).bind(this)));
        const hostnameToConfig = (0, utils_1.zipMap)(hostnames, configs);
        return startupNodes.map((node) => {
          const config = hostnameToConfig.get(node.host);
          if (!config) {
            return node;
          }
          if (this.options.useSRVRecords) {
            return Object.assign({}, node, config);
          }
          return Object.assign({}, node, { host: config });
        });
      }
      createScanStream(command, { key, options = {} }) {
        return new ScanStream_1.default({
          objectMode: true,
          key,
          redis: this,
          command,
          ...options
        });
      }
      createShardedSubscriberGroup() {
        this.subscriberGroupEmitter = new events_1.EventEmitter();
        this.shardedSubscribers = new ClusterSubscriberGroup_1.default(this.subscriberGroupEmitter);
        const refreshSlotsCacheCallback = (err) => {
          if (err instanceof ClusterAllFailedError_1.default) {
            this.disconnect(true);
          }
        };
        this.subscriberGroupEmitter.on("-node", (redis, nodeKey) => {
          this.emit("-node", redis, nodeKey);
          this.refreshSlotsCache(refreshSlotsCacheCallback);
        });
        this.subscriberGroupEmitter.on("subscriberConnectFailed", ({ delay, error }) => {
          this.emit("error", error);
          setTimeout(() => {
            this.refreshSlotsCache(refreshSlotsCacheCallback);
          }, delay);
        });
        this.subscriberGroupEmitter.on("moved", () => {
          this.refreshSlotsCache(refreshSlotsCacheCallback);
        });
        this.subscriberGroupEmitter.on("-subscriber", () => {
          this.emit("-subscriber");
        });
        this.subscriberGroupEmitter.on("+subscriber", () => {
          this.emit("+subscriber");
        });
        this.subscriberGroupEmitter.on("nodeError", (error, nodeKey) => {
          this.emit("nodeError", error, nodeKey);
        });
        this.subscriberGroupEmitter.on("subscribersReady", () => {
          this.emit("subscribersReady");
        });
        for (const event of ["smessage", "smessageBuffer"]) {
          this.subscriberGroupEmitter.on(event, (arg1, arg2, arg3) => {
            this.emit(event, arg1, arg2, arg3);
          });
        }
      }
    };
    (0, applyMixin_1.default)(Cluster2, events_1.EventEmitter);
    (0, transaction_1.addTransactionSupport)(Cluster2.prototype);
    exports2.default = Cluster2;
  }
});

// ../node_modules/ioredis/built/connectors/AbstractConnector.js
var require_AbstractConnector = __commonJS({
  "../node_modules/ioredis/built/connectors/AbstractConnector.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var utils_1 = require_utils4();
    var debug = (0, utils_1.Debug)("AbstractConnector");
    var AbstractConnector = class {
      constructor(disconnectTimeout) {
        this.connecting = false;
        this.disconnectTimeout = disconnectTimeout;
      }
      check(info) {
        return true;
      }
      disconnect() {
        this.connecting = false;
        if (this.stream) {
          const stream = this.stream;
          const timeout = setTimeout(() => {
            debug("stream %s:%s still open, destroying it", stream.remoteAddress, stream.remotePort);
            stream.destroy();
          }, this.disconnectTimeout);
          stream.on("close", () => clearTimeout(timeout));
          stream.end();
        }
      }
    };
    exports2.default = AbstractConnector;
  }
});

// ../node_modules/ioredis/built/connectors/StandaloneConnector.js
var require_StandaloneConnector = __commonJS({
  "../node_modules/ioredis/built/connectors/StandaloneConnector.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var net_1 = require("net");
    var tls_1 = require("tls");
    var utils_1 = require_utils4();
    var AbstractConnector_1 = require_AbstractConnector();
    var StandaloneConnector = class extends AbstractConnector_1.default {
      constructor(options) {
        super(options.disconnectTimeout);
        this.options = options;
      }
      connect(_) {
        const { options } = this;
        this.connecting = true;
        let connectionOptions;
        if ("path" in options && options.path) {
          connectionOptions = {
            path: options.path
          };
        } else {
          connectionOptions = {};
          if ("port" in options && options.port != null) {
            connectionOptions.port = options.port;
          }
          if ("host" in options && options.host != null) {
            connectionOptions.host = options.host;
          }
          if ("family" in options && options.family != null) {
            connectionOptions.family = options.family;
          }
        }
        if (options.tls) {
          Object.assign(connectionOptions, options.tls);
        }
        return new Promise((resolve, reject) => {
          process.nextTick(() => {
            if (!this.connecting) {
              reject(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
              return;
            }
            try {
              if (options.tls) {
                this.stream = (0, tls_1.connect)(connectionOptions);
              } else {
                this.stream = (0, net_1.createConnection)(connectionOptions);
              }
            } catch (err) {
              reject(err);
              return;
            }
            this.stream.once("error", (err) => {
              this.firstError = err;
            });
            resolve(this.stream);
          });
        });
      }
    };
    exports2.default = StandaloneConnector;
  }
});

// ../node_modules/ioredis/built/connectors/SentinelConnector/SentinelIterator.js
var require_SentinelIterator = __commonJS({
  "../node_modules/ioredis/built/connectors/SentinelConnector/SentinelIterator.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    function isSentinelEql(a, b) {
      return (a.host || "127.0.0.1") === (b.host || "127.0.0.1") && (a.port || 26379) === (b.port || 26379);
    }
    var SentinelIterator = class {
      constructor(sentinels) {
        this.cursor = 0;
        this.sentinels = sentinels.slice(0);
      }
      next() {
        const done = this.cursor >= this.sentinels.length;
        return { done, value: done ? void 0 : this.sentinels[this.cursor++] };
      }
      reset(moveCurrentEndpointToFirst) {
        if (moveCurrentEndpointToFirst && this.sentinels.length > 1 && this.cursor !== 1) {
          this.sentinels.unshift(...this.sentinels.splice(this.cursor - 1));
        }
        this.cursor = 0;
      }
      add(sentinel) {
        for (let i = 0; i < this.sentinels.length; i++) {
          if (isSentinelEql(sentinel, this.sentinels[i])) {
            return false;
          }
        }
        this.sentinels.push(sentinel);
        return true;
      }
      toString() {
        return `${JSON.stringify(this.sentinels)} @${this.cursor}`;
      }
    };
    exports2.default = SentinelIterator;
  }
});

// ../node_modules/ioredis/built/connectors/SentinelConnector/FailoverDetector.js
var require_FailoverDetector = __commonJS({
  "../node_modules/ioredis/built/connectors/SentinelConnector/FailoverDetector.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.FailoverDetector = void 0;
    var utils_1 = require_utils4();
    var debug = (0, utils_1.Debug)("FailoverDetector");
    var CHANNEL_NAME = "+switch-master";
    var FailoverDetector = class {
      // sentinels can't be used for regular commands after this
      constructor(connector, sentinels) {
        this.isDisconnected = false;
        this.connector = connector;
        this.sentinels = sentinels;
      }
      cleanup() {
        this.isDisconnected = true;
        for (const sentinel of this.sentinels) {
          sentinel.client.disconnect();
        }
      }
      async subscribe() {
        debug("Starting FailoverDetector");
        const promises = [];
        for (const sentinel of this.sentinels) {
          const promise = sentinel.client.subscribe(CHANNEL_NAME).catch((err) => {
            debug("Failed to subscribe to failover messages on sentinel %s:%s (%s)", sentinel.address.host || "127.0.0.1", sentinel.address.port || 26739, err.message);
          });
          promises.push(promise);
          sentinel.client.on("message", (channel2) => {
            if (!this.isDisconnected && channel2 === CHANNEL_NAME) {
              this.disconnect();
            }
          });
        }
        await Promise.all(promises);
      }
      disconnect() {
        this.isDisconnected = true;
        debug("Failover detected, disconnecting");
        this.connector.disconnect();
      }
    };
    exports2.FailoverDetector = FailoverDetector;
  }
});

// ../node_modules/ioredis/built/connectors/SentinelConnector/index.js
var require_SentinelConnector = __commonJS({
  "../node_modules/ioredis/built/connectors/SentinelConnector/index.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.SentinelIterator = void 0;
    var net_1 = require("net");
    var utils_1 = require_utils4();
    var tls_1 = require("tls");
    var SentinelIterator_1 = require_SentinelIterator();
    exports2.SentinelIterator = SentinelIterator_1.default;
    var AbstractConnector_1 = require_AbstractConnector();
    var Redis_1 = require_Redis();
    var FailoverDetector_1 = require_FailoverDetector();
    var debug = (0, utils_1.Debug)("SentinelConnector");
    var SentinelConnector = class extends AbstractConnector_1.default {
      constructor(options) {
        super(options.disconnectTimeout);
        this.options = options;
        this.emitter = null;
        this.failoverDetector = null;
        if (!this.options.sentinels.length) {
          throw new Error("Requires at least one sentinel to connect to.");
        }
        if (!this.options.name) {
          throw new Error("Requires the name of master.");
        }
        this.sentinelIterator = new SentinelIterator_1.default(this.options.sentinels);
      }
      check(info) {
        const roleMatches = !info.role || this.options.role === info.role;
        if (!roleMatches) {
          debug("role invalid, expected %s, but got %s", this.options.role, info.role);
          this.sentinelIterator.next();
          this.sentinelIterator.next();
          this.sentinelIterator.reset(true);
        }
        return roleMatches;
      }
      disconnect() {
        super.disconnect();
        if (this.failoverDetector) {
          this.failoverDetector.cleanup();
        }
      }
      connect(eventEmitter) {
        this.connecting = true;
        this.retryAttempts = 0;
        let lastError;
        const connectToNext = async () => {
          const endpoint = this.sentinelIterator.next();
          if (endpoint.done) {
            this.sentinelIterator.reset(false);
            const retryDelay = typeof this.options.sentinelRetryStrategy === "function" ? this.options.sentinelRetryStrategy(++this.retryAttempts) : null;
            let errorMsg = typeof retryDelay !== "number" ? "All sentinels are unreachable and retry is disabled." : `All sentinels are unreachable. Retrying from scratch after ${retryDelay}ms.`;
            if (lastError) {
              errorMsg += ` Last error: ${lastError.message}`;
            }
            debug(errorMsg);
            const error = new Error(errorMsg);
            if (typeof retryDelay === "number") {
              eventEmitter("error", error);
              await new Promise((resolve) => setTimeout(resolve, retryDelay));
              return connectToNext();
            } else {
              throw error;
            }
          }
          let resolved = null;
          let err = null;
          try {
            resolved = await this.resolve(endpoint.value);
          } catch (error) {
            err = error;
          }
          if (!this.connecting) {
            throw new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG);
          }
          const endpointAddress = endpoint.value.host + ":" + endpoint.value.port;
          if (resolved) {
            debug("resolved: %s:%s from sentinel %s", resolved.host, resolved.port, endpointAddress);
            if (this.options.enableTLSForSentinelMode && this.options.tls) {
              Object.assign(resolved, this.options.tls);
              this.stream = (0, tls_1.connect)(resolved);
              this.stream.once("secureConnect", this.initFailoverDetector.bind(this));
            } else {
              this.stream = (0, net_1.createConnection)(resolved);
              this.stream.once("connect", this.initFailoverDetector.bind(this));
            }
            this.stream.once("error", (err2) => {
              this.firstError = err2;
            });
            return this.stream;
          } else {
            const errorMsg = err ? "failed to connect to sentinel " + endpointAddress + " because " + err.message : "connected to sentinel " + endpointAddress + " successfully, but got an invalid reply: " + resolved;
            debug(errorMsg);
            eventEmitter("sentinelError", new Error(errorMsg));
            if (err) {
              lastError = err;
            }
            return connectToNext();
          }
        };
        return connectToNext();
      }
      async updateSentinels(client) {
        if (!this.options.updateSentinels) {
          return;
        }
        const result = await client.sentinel("sentinels", this.options.name);
        if (!Array.isArray(result)) {
          return;
        }
        result.map(utils_1.packObject).forEach((sentinel) => {
          const flags = sentinel.flags ? sentinel.flags.split(",") : [];
          if (flags.indexOf("disconnected") === -1 && sentinel.ip && sentinel.port) {
            const endpoint = this.sentinelNatResolve(addressResponseToAddress(sentinel));
            if (this.sentinelIterator.add(endpoint)) {
              debug("adding sentinel %s:%s", endpoint.host, endpoint.port);
            }
          }
        });
        debug("Updated internal sentinels: %s", this.sentinelIterator);
      }
      async resolveMaster(client) {
        const result = await client.sentinel("get-master-addr-by-name", this.options.name);
        await this.updateSentinels(client);
        return this.sentinelNatResolve(Array.isArray(result) ? { host: result[0], port: Number(result[1]) } : null);
      }
      async resolveSlave(client) {
        const result = await client.sentinel("slaves", this.options.name);
        if (!Array.isArray(result)) {
          return null;
        }
        const availableSlaves = result.map(utils_1.packObject).filter((slave) => slave.flags && !slave.flags.match(/(disconnected|s_down|o_down)/));
        return this.sentinelNatResolve(selectPreferredSentinel(availableSlaves, this.options.preferredSlaves));
      }
      sentinelNatResolve(item) {
        if (!item || !this.options.natMap)
          return item;
        const key = `${item.host}:${item.port}`;
        let result = item;
        if (typeof this.options.natMap === "function") {
          result = this.options.natMap(key) || item;
        } else if (typeof this.options.natMap === "object") {
          result = this.options.natMap[key] || item;
        }
        return result;
      }
      connectToSentinel(endpoint, options) {
        const redis = new Redis_1.default({
          port: endpoint.port || 26379,
          host: endpoint.host,
          username: this.options.sentinelUsername || null,
          password: this.options.sentinelPassword || null,
          family: endpoint.family || // @ts-expect-error
          ("path" in this.options && this.options.path ? void 0 : (
            // @ts-expect-error
            this.options.family
          )),
          tls: this.options.sentinelTLS,
          retryStrategy: null,
          enableReadyCheck: false,
          connectTimeout: this.options.connectTimeout,
          commandTimeout: this.options.sentinelCommandTimeout,
          ...options
        });
        return redis;
      }
      async resolve(endpoint) {
        const client = this.connectToSentinel(endpoint);
        client.on("error", noop);
        try {
          if (this.options.role === "slave") {
            return await this.resolveSlave(client);
          } else {
            return await this.resolveMaster(client);
          }
        } finally {
          client.disconnect();
        }
      }
      async initFailoverDetector() {
        var _a;
        if (!this.options.failoverDetector) {
          return;
        }
        this.sentinelIterator.reset(true);
        const sentinels = [];
        while (sentinels.length < this.options.sentinelMaxConnections) {
          const { done, value } = this.sentinelIterator.next();
          if (done) {
            break;
          }
          const client = this.connectToSentinel(value, {
            lazyConnect: true,
            retryStrategy: this.options.sentinelReconnectStrategy
          });
          client.on("reconnecting", () => {
            var _a2;
            (_a2 = this.emitter) === null || _a2 === void 0 ? void 0 : _a2.emit("sentinelReconnecting");
          });
          sentinels.push({ address: value, client });
        }
        this.sentinelIterator.reset(false);
        if (this.failoverDetector) {
          this.failoverDetector.cleanup();
        }
        this.failoverDetector = new FailoverDetector_1.FailoverDetector(this, sentinels);
        await this.failoverDetector.subscribe();
        (_a = this.emitter) === null || _a === void 0 ? void 0 : _a.emit("failoverSubscribed");
      }
    };
    exports2.default = SentinelConnector;
    function selectPreferredSentinel(availableSlaves, preferredSlaves) {
      if (availableSlaves.length === 0) {
        return null;
      }
      let selectedSlave;
      if (typeof preferredSlaves === "function") {
        selectedSlave = preferredSlaves(availableSlaves);
      } else if (preferredSlaves !== null && typeof preferredSlaves === "object") {
        const preferredSlavesArray = Array.isArray(preferredSlaves) ? preferredSlaves : [preferredSlaves];
        preferredSlavesArray.sort((a, b) => {
          if (!a.prio) {
            a.prio = 1;
          }
          if (!b.prio) {
            b.prio = 1;
          }
          if (a.prio < b.prio) {
            return -1;
          }
          if (a.prio > b.prio) {
            return 1;
          }
          return 0;
        });
        for (let p = 0; p < preferredSlavesArray.length; p++) {
          for (let a = 0; a < availableSlaves.length; a++) {
            const slave = availableSlaves[a];
            if (slave.ip === preferredSlavesArray[p].ip) {
              if (slave.port === preferredSlavesArray[p].port) {
                selectedSlave = slave;
                break;
              }
            }
          }
          if (selectedSlave) {
            break;
          }
        }
      }
      if (!selectedSlave) {
        selectedSlave = (0, utils_1.sample)(availableSlaves);
      }
      return addressResponseToAddress(selectedSlave);
    }
    function addressResponseToAddress(input) {
      return { host: input.ip, port: Number(input.port) };
    }
    function noop() {
    }
  }
});

// ../node_modules/ioredis/built/connectors/index.js
var require_connectors = __commonJS({
  "../node_modules/ioredis/built/connectors/index.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.SentinelConnector = exports2.StandaloneConnector = void 0;
    var StandaloneConnector_1 = require_StandaloneConnector();
    exports2.StandaloneConnector = StandaloneConnector_1.default;
    var SentinelConnector_1 = require_SentinelConnector();
    exports2.SentinelConnector = SentinelConnector_1.default;
  }
});

// ../node_modules/ioredis/built/errors/MaxRetriesPerRequestError.js
var require_MaxRetriesPerRequestError = __commonJS({
  "../node_modules/ioredis/built/errors/MaxRetriesPerRequestError.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var redis_errors_1 = require_redis_errors();
    var MaxRetriesPerRequestError = class extends redis_errors_1.AbortError {
      constructor(maxRetriesPerRequest) {
        const message = `Reached the max retries per request limit (which is ${maxRetriesPerRequest}). Refer to "maxRetriesPerRequest" option for details.`;
        super(message);
        Error.captureStackTrace(this, this.constructor);
      }
      get name() {
        return this.constructor.name;
      }
    };
    exports2.default = MaxRetriesPerRequestError;
  }
});

// ../node_modules/ioredis/built/errors/index.js
var require_errors = __commonJS({
  "../node_modules/ioredis/built/errors/index.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.MaxRetriesPerRequestError = void 0;
    var MaxRetriesPerRequestError_1 = require_MaxRetriesPerRequestError();
    exports2.MaxRetriesPerRequestError = MaxRetriesPerRequestError_1.default;
  }
});

// ../node_modules/redis-parser/lib/parser.js
var require_parser = __commonJS({
  "../node_modules/redis-parser/lib/parser.js"(exports2, module2) {
    "use strict";
    var Buffer2 = require("buffer").Buffer;
    var StringDecoder = require("string_decoder").StringDecoder;
    var decoder = new StringDecoder();
    var errors = require_redis_errors();
    var ReplyError = errors.ReplyError;
    var ParserError = errors.ParserError;
    var bufferPool = Buffer2.allocUnsafe(32 * 1024);
    var bufferOffset = 0;
    var interval = null;
    var counter = 0;
    var notDecreased = 0;
    function parseSimpleNumbers(parser) {
      const length = parser.buffer.length - 1;
      var offset = parser.offset;
      var number = 0;
      var sign = 1;
      if (parser.buffer[offset] === 45) {
        sign = -1;
        offset++;
      }
      while (offset < length) {
        const c1 = parser.buffer[offset++];
        if (c1 === 13) {
          parser.offset = offset + 1;
          return sign * number;
        }
        number = number * 10 + (c1 - 48);
      }
    }
    function parseStringNumbers(parser) {
      const length = parser.buffer.length - 1;
      var offset = parser.offset;
      var number = 0;
      var res = "";
      if (parser.buffer[offset] === 45) {
        res += "-";
        offset++;
      }
      while (offset < length) {
        var c1 = parser.buffer[offset++];
        if (c1 === 13) {
          parser.offset = offset + 1;
          if (number !== 0) {
            res += number;
          }
          return res;
        } else if (number > 429496728) {
          res += number * 10 + (c1 - 48);
          number = 0;
        } else if (c1 === 48 && number === 0) {
          res += 0;
        } else {
          number = number * 10 + (c1 - 48);
        }
      }
    }
    function parseSimpleString(parser) {
      const start = parser.offset;
      const buffer = parser.buffer;
      const length = buffer.length - 1;
      var offset = start;
      while (offset < length) {
        if (buffer[offset++] === 13) {
          parser.offset = offset + 1;
          if (parser.optionReturnBuffers === true) {
            return parser.buffer.slice(start, offset - 1);
          }
          return parser.buffer.toString("utf8", start, offset - 1);
        }
      }
    }
    function parseLength(parser) {
      const length = parser.buffer.length - 1;
      var offset = parser.offset;
      var number = 0;
      while (offset < length) {
        const c1 = parser.buffer[offset++];
        if (c1 === 13) {
          parser.offset = offset + 1;
          return number;
        }
        number = number * 10 + (c1 - 48);
      }
    }
    function parseInteger(parser) {
      if (parser.optionStringNumbers === true) {
        return parseStringNumbers(parser);
      }
      return parseSimpleNumbers(parser);
    }
    function parseBulkString(parser) {
      const length = parseLength(parser);
      if (length === void 0) {
        return;
      }
      if (length < 0) {
        return null;
      }
      const offset = parser.offset + length;
      if (offset + 2 > parser.buffer.length) {
        parser.bigStrSize = offset + 2;
        parser.totalChunkSize = parser.buffer.length;
        parser.bufferCache.push(parser.buffer);
        return;
      }
      const start = parser.offset;
      parser.offset = offset + 2;
      if (parser.optionReturnBuffers === true) {
        return parser.buffer.slice(start, offset);
      }
      return parser.buffer.toString("utf8", start, offset);
    }
    function parseError(parser) {
      var string = parseSimpleString(parser);
      if (string !== void 0) {
        if (parser.optionReturnBuffers === true) {
          string = string.toString();
        }
        return new ReplyError(string);
      }
    }
    function handleError(parser, type) {
      const err = new ParserError(
        "Protocol error, got " + JSON.stringify(String.fromCharCode(type)) + " as reply type byte",
        JSON.stringify(parser.buffer),
        parser.offset
      );
      parser.buffer = null;
      parser.returnFatalError(err);
    }
    function parseArray(parser) {
      const length = parseLength(parser);
      if (length === void 0) {
        return;
      }
      if (length < 0) {
        return null;
      }
      const responses = new Array(length);
      return parseArrayElements(parser, responses, 0);
    }
    function pushArrayCache(parser, array, pos) {
      parser.arrayCache.push(array);
      parser.arrayPos.push(pos);
    }
    function parseArrayChunks(parser) {
      const tmp = parser.arrayCache.pop();
      var pos = parser.arrayPos.pop();
      if (parser.arrayCache.length) {
        const res = parseArrayChunks(parser);
        if (res === void 0) {
          pushArrayCache(parser, tmp, pos);
          return;
        }
        tmp[pos++] = res;
      }
      return parseArrayElements(parser, tmp, pos);
    }
    function parseArrayElements(parser, responses, i) {
      const bufferLength = parser.buffer.length;
      while (i < responses.length) {
        const offset = parser.offset;
        if (parser.offset >= bufferLength) {
          pushArrayCache(parser, responses, i);
          return;
        }
        const response = parseType(parser, parser.buffer[parser.offset++]);
        if (response === void 0) {
          if (!(parser.arrayCache.length || parser.bufferCache.length)) {
            parser.offset = offset;
          }
          pushArrayCache(parser, responses, i);
          return;
        }
        responses[i] = response;
        i++;
      }
      return responses;
    }
    function parseType(parser, type) {
      switch (type) {
        case 36:
          return parseBulkString(parser);
        case 43:
          return parseSimpleString(parser);
        case 42:
          return parseArray(parser);
        case 58:
          return parseInteger(parser);
        case 45:
          return parseError(parser);
        default:
          return handleError(parser, type);
      }
    }
    function decreaseBufferPool() {
      if (bufferPool.length > 50 * 1024) {
        if (counter === 1 || notDecreased > counter * 2) {
          const minSliceLen = Math.floor(bufferPool.length / 10);
          const sliceLength = minSliceLen < bufferOffset ? bufferOffset : minSliceLen;
          bufferOffset = 0;
          bufferPool = bufferPool.slice(sliceLength, bufferPool.length);
        } else {
          notDecreased++;
          counter--;
        }
      } else {
        clearInterval(interval);
        counter = 0;
        notDecreased = 0;
        interval = null;
      }
    }
    function resizeBuffer(length) {
      if (bufferPool.length < length + bufferOffset) {
        const multiplier = length > 1024 * 1024 * 75 ? 2 : 3;
        if (bufferOffset > 1024 * 1024 * 111) {
          bufferOffset = 1024 * 1024 * 50;
        }
        bufferPool = Buffer2.allocUnsafe(length * multiplier + bufferOffset);
        bufferOffset = 0;
        counter++;
        if (interval === null) {
          interval = setInterval(decreaseBufferPool, 50);
        }
      }
    }
    function concatBulkString(parser) {
      const list = parser.bufferCache;
      const oldOffset = parser.offset;
      var chunks = list.length;
      var offset = parser.bigStrSize - parser.totalChunkSize;
      parser.offset = offset;
      if (offset <= 2) {
        if (chunks === 2) {
          return list[0].toString("utf8", oldOffset, list[0].length + offset - 2);
        }
        chunks--;
        offset = list[list.length - 2].length + offset;
      }
      var res = decoder.write(list[0].slice(oldOffset));
      for (var i = 1; i < chunks - 1; i++) {
        res += decoder.write(list[i]);
      }
      res += decoder.end(list[i].slice(0, offset - 2));
      return res;
    }
    function concatBulkBuffer(parser) {
      const list = parser.bufferCache;
      const oldOffset = parser.offset;
      const length = parser.bigStrSize - oldOffset - 2;
      var chunks = list.length;
      var offset = parser.bigStrSize - parser.totalChunkSize;
      parser.offset = offset;
      if (offset <= 2) {
        if (chunks === 2) {
          return list[0].slice(oldOffset, list[0].length + offset - 2);
        }
        chunks--;
        offset = list[list.length - 2].length + offset;
      }
      resizeBuffer(length);
      const start = bufferOffset;
      list[0].copy(bufferPool, start, oldOffset, list[0].length);
      bufferOffset += list[0].length - oldOffset;
      for (var i = 1; i < chunks - 1; i++) {
        list[i].copy(bufferPool, bufferOffset);
        bufferOffset += list[i].length;
      }
      list[i].copy(bufferPool, bufferOffset, 0, offset - 2);
      bufferOffset += offset - 2;
      return bufferPool.slice(start, bufferOffset);
    }
    var JavascriptRedisParser = class {
      /**
       * Javascript Redis Parser constructor
       * @param {{returnError: Function, returnReply: Function, returnFatalError?: Function, returnBuffers: boolean, stringNumbers: boolean }} options
       * @constructor
       */
      constructor(options) {
        if (!options) {
          throw new TypeError("Options are mandatory.");
        }
        if (typeof options.returnError !== "function" || typeof options.returnReply !== "function") {
          throw new TypeError("The returnReply and returnError options have to be functions.");
        }
        this.setReturnBuffers(!!options.returnBuffers);
        this.setStringNumbers(!!options.stringNumbers);
        this.returnError = options.returnError;
        this.returnFatalError = options.returnFatalError || options.returnError;
        this.returnReply = options.returnReply;
        this.reset();
      }
      /**
       * Reset the parser values to the initial state
       *
       * @returns {undefined}
       */
      reset() {
        this.offset = 0;
        this.buffer = null;
        this.bigStrSize = 0;
        this.totalChunkSize = 0;
        this.bufferCache = [];
        this.arrayCache = [];
        this.arrayPos = [];
      }
      /**
       * Set the returnBuffers option
       *
       * @param {boolean} returnBuffers
       * @returns {undefined}
       */
      setReturnBuffers(returnBuffers) {
        if (typeof returnBuffers !== "boolean") {
          throw new TypeError("The returnBuffers argument has to be a boolean");
        }
        this.optionReturnBuffers = returnBuffers;
      }
      /**
       * Set the stringNumbers option
       *
       * @param {boolean} stringNumbers
       * @returns {undefined}
       */
      setStringNumbers(stringNumbers) {
        if (typeof stringNumbers !== "boolean") {
          throw new TypeError("The stringNumbers argument has to be a boolean");
        }
        this.optionStringNumbers = stringNumbers;
      }
      /**
       * Parse the redis buffer
       * @param {Buffer} buffer
       * @returns {undefined}
       */
      execute(buffer) {
        if (this.buffer === null) {
          this.buffer = buffer;
          this.offset = 0;
        } else if (this.bigStrSize === 0) {
          const oldLength = this.buffer.length;
          const remainingLength = oldLength - this.offset;
          const newBuffer = Buffer2.allocUnsafe(remainingLength + buffer.length);
          this.buffer.copy(newBuffer, 0, this.offset, oldLength);
          buffer.copy(newBuffer, remainingLength, 0, buffer.length);
          this.buffer = newBuffer;
          this.offset = 0;
          if (this.arrayCache.length) {
            const arr = parseArrayChunks(this);
            if (arr === void 0) {
              return;
            }
            this.returnReply(arr);
          }
        } else if (this.totalChunkSize + buffer.length >= this.bigStrSize) {
          this.bufferCache.push(buffer);
          var tmp = this.optionReturnBuffers ? concatBulkBuffer(this) : concatBulkString(this);
          this.bigStrSize = 0;
          this.bufferCache = [];
          this.buffer = buffer;
          if (this.arrayCache.length) {
            this.arrayCache[0][this.arrayPos[0]++] = tmp;
            tmp = parseArrayChunks(this);
            if (tmp === void 0) {
              return;
            }
          }
          this.returnReply(tmp);
        } else {
          this.bufferCache.push(buffer);
          this.totalChunkSize += buffer.length;
          return;
        }
        while (this.offset < this.buffer.length) {
          const offset = this.offset;
          const type = this.buffer[this.offset++];
          const response = parseType(this, type);
          if (response === void 0) {
            if (!(this.arrayCache.length || this.bufferCache.length)) {
              this.offset = offset;
            }
            return;
          }
          if (type === 45) {
            this.returnError(response);
          } else {
            this.returnReply(response);
          }
        }
        this.buffer = null;
      }
    };
    module2.exports = JavascriptRedisParser;
  }
});

// ../node_modules/redis-parser/index.js
var require_redis_parser = __commonJS({
  "../node_modules/redis-parser/index.js"(exports2, module2) {
    "use strict";
    module2.exports = require_parser();
  }
});

// ../node_modules/ioredis/built/SubscriptionSet.js
var require_SubscriptionSet = __commonJS({
  "../node_modules/ioredis/built/SubscriptionSet.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var SubscriptionSet = class {
      constructor() {
        this.set = {
          subscribe: {},
          psubscribe: {},
          ssubscribe: {}
        };
      }
      add(set, channel2) {
        this.set[mapSet(set)][channel2] = true;
      }
      del(set, channel2) {
        delete this.set[mapSet(set)][channel2];
      }
      channels(set) {
        return Object.keys(this.set[mapSet(set)]);
      }
      isEmpty() {
        return this.channels("subscribe").length === 0 && this.channels("psubscribe").length === 0 && this.channels("ssubscribe").length === 0;
      }
    };
    exports2.default = SubscriptionSet;
    function mapSet(set) {
      if (set === "unsubscribe") {
        return "subscribe";
      }
      if (set === "punsubscribe") {
        return "psubscribe";
      }
      if (set === "sunsubscribe") {
        return "ssubscribe";
      }
      return set;
    }
  }
});

// ../node_modules/ioredis/built/DataHandler.js
var require_DataHandler = __commonJS({
  "../node_modules/ioredis/built/DataHandler.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var Command_1 = require_Command();
    var utils_1 = require_utils4();
    var RedisParser = require_redis_parser();
    var SubscriptionSet_1 = require_SubscriptionSet();
    var debug = (0, utils_1.Debug)("dataHandler");
    var DataHandler = class {
      constructor(redis, parserOptions) {
        this.redis = redis;
        const parser = new RedisParser({
          stringNumbers: parserOptions.stringNumbers,
          returnBuffers: true,
          returnError: (err) => {
            this.returnError(err);
          },
          returnFatalError: (err) => {
            this.returnFatalError(err);
          },
          returnReply: (reply) => {
            this.returnReply(reply);
          }
        });
        redis.stream.prependListener("data", (data) => {
          parser.execute(data);
        });
        redis.stream.resume();
      }
      returnFatalError(err) {
        err.message += ". Please report this.";
        this.redis.recoverFromFatalError(err, err, { offlineQueue: false });
      }
      returnError(err) {
        const item = this.shiftCommand(err);
        if (!item) {
          return;
        }
        err.command = {
          name: item.command.name,
          args: item.command.args
        };
        if (item.command.name == "ssubscribe" && err.message.includes("MOVED")) {
          this.redis.emit("moved");
          return;
        }
        this.redis.handleReconnection(err, item);
      }
      returnReply(reply) {
        if (this.handleMonitorReply(reply)) {
          return;
        }
        if (this.handleSubscriberReply(reply)) {
          return;
        }
        const item = this.shiftCommand(reply);
        if (!item) {
          return;
        }
        if (Command_1.default.checkFlag("ENTER_SUBSCRIBER_MODE", item.command.name)) {
          this.redis.condition.subscriber = new SubscriptionSet_1.default();
          this.redis.condition.subscriber.add(item.command.name, reply[1].toString());
          if (!fillSubCommand(item.command, reply[2])) {
            this.redis.commandQueue.unshift(item);
          }
        } else if (Command_1.default.checkFlag("EXIT_SUBSCRIBER_MODE", item.command.name)) {
          if (!fillUnsubCommand(item.command, reply[2])) {
            this.redis.commandQueue.unshift(item);
          }
        } else {
          item.command.resolve(reply);
        }
      }
      handleSubscriberReply(reply) {
        if (!this.redis.condition.subscriber) {
          return false;
        }
        const replyType = Array.isArray(reply) ? reply[0].toString() : null;
        debug('receive reply "%s" in subscriber mode', replyType);
        switch (replyType) {
          case "message":
            if (this.redis.listeners("message").length > 0) {
              this.redis.emit("message", reply[1].toString(), reply[2] ? reply[2].toString() : "");
            }
            this.redis.emit("messageBuffer", reply[1], reply[2]);
            break;
          case "pmessage": {
            const pattern2 = reply[1].toString();
            if (this.redis.listeners("pmessage").length > 0) {
              this.redis.emit("pmessage", pattern2, reply[2].toString(), reply[3].toString());
            }
            this.redis.emit("pmessageBuffer", pattern2, reply[2], reply[3]);
            break;
          }
          case "smessage": {
            if (this.redis.listeners("smessage").length > 0) {
              this.redis.emit("smessage", reply[1].toString(), reply[2] ? reply[2].toString() : "");
            }
            this.redis.emit("smessageBuffer", reply[1], reply[2]);
            break;
          }
          case "ssubscribe":
          case "subscribe":
          case "psubscribe": {
            const channel2 = reply[1].toString();
            this.redis.condition.subscriber.add(replyType, channel2);
            const item = this.shiftCommand(reply);
            if (!item) {
              return;
            }
            if (!fillSubCommand(item.command, reply[2])) {
              this.redis.commandQueue.unshift(item);
            }
            break;
          }
          case "sunsubscribe":
          case "unsubscribe":
          case "punsubscribe": {
            const channel2 = reply[1] ? reply[1].toString() : null;
            if (channel2) {
              this.redis.condition.subscriber.del(replyType, channel2);
            }
            const count = reply[2];
            if (Number(count) === 0) {
              this.redis.condition.subscriber = false;
            }
            const item = this.shiftCommand(reply);
            if (!item) {
              return;
            }
            if (!fillUnsubCommand(item.command, count)) {
              this.redis.commandQueue.unshift(item);
            }
            break;
          }
          default: {
            const item = this.shiftCommand(reply);
            if (!item) {
              return;
            }
            item.command.resolve(reply);
          }
        }
        return true;
      }
      handleMonitorReply(reply) {
        if (this.redis.status !== "monitoring") {
          return false;
        }
        const replyStr = reply.toString();
        if (replyStr === "OK") {
          return false;
        }
        const len = replyStr.indexOf(" ");
        const timestamp = replyStr.slice(0, len);
        const argIndex = replyStr.indexOf('"');
        const args = replyStr.slice(argIndex + 1, -1).split('" "').map((elem) => elem.replace(/\\"/g, '"'));
        const dbAndSource = replyStr.slice(len + 2, argIndex - 2).split(" ");
        this.redis.emit("monitor", timestamp, args, dbAndSource[1], dbAndSource[0]);
        return true;
      }
      shiftCommand(reply) {
        const item = this.redis.commandQueue.shift();
        if (!item) {
          const message = "Command queue state error. If you can reproduce this, please report it.";
          const error = new Error(message + (reply instanceof Error ? ` Last error: ${reply.message}` : ` Last reply: ${reply.toString()}`));
          this.redis.emit("error", error);
          return null;
        }
        return item;
      }
    };
    exports2.default = DataHandler;
    var remainingRepliesMap = /* @__PURE__ */ new WeakMap();
    function fillSubCommand(command, count) {
      let remainingReplies = remainingRepliesMap.has(command) ? remainingRepliesMap.get(command) : command.args.length;
      remainingReplies -= 1;
      if (remainingReplies <= 0) {
        command.resolve(count);
        remainingRepliesMap.delete(command);
        return true;
      }
      remainingRepliesMap.set(command, remainingReplies);
      return false;
    }
    function fillUnsubCommand(command, count) {
      let remainingReplies = remainingRepliesMap.has(command) ? remainingRepliesMap.get(command) : command.args.length;
      if (remainingReplies === 0) {
        if (Number(count) === 0) {
          remainingRepliesMap.delete(command);
          command.resolve(count);
          return true;
        }
        return false;
      }
      remainingReplies -= 1;
      if (remainingReplies <= 0) {
        command.resolve(count);
        return true;
      }
      remainingRepliesMap.set(command, remainingReplies);
      return false;
    }
  }
});

// ../node_modules/ioredis/built/redis/event_handler.js
var require_event_handler = __commonJS({
  "../node_modules/ioredis/built/redis/event_handler.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.readyHandler = exports2.errorHandler = exports2.closeHandler = exports2.connectHandler = void 0;
    var redis_errors_1 = require_redis_errors();
    var Command_1 = require_Command();
    var errors_1 = require_errors();
    var utils_1 = require_utils4();
    var DataHandler_1 = require_DataHandler();
    var debug = (0, utils_1.Debug)("connection");
    function connectHandler(self2) {
      return function() {
        var _a;
        self2.setStatus("connect");
        self2.resetCommandQueue();
        let flushed = false;
        const { connectionEpoch } = self2;
        if (self2.condition.auth) {
          self2.auth(self2.condition.auth, function(err) {
            if (connectionEpoch !== self2.connectionEpoch) {
              return;
            }
            if (err) {
              if (err.message.indexOf("no password is set") !== -1) {
                console.warn("[WARN] Redis server does not require a password, but a password was supplied.");
              } else if (err.message.indexOf("without any password configured for the default user") !== -1) {
                console.warn("[WARN] This Redis server's `default` user does not require a password, but a password was supplied");
              } else if (err.message.indexOf("wrong number of arguments for 'auth' command") !== -1) {
                console.warn(`[ERROR] The server returned "wrong number of arguments for 'auth' command". You are probably passing both username and password to Redis version 5 or below. You should only pass the 'password' option for Redis version 5 and under.`);
              } else {
                flushed = true;
                self2.recoverFromFatalError(err, err);
              }
            }
          });
        }
        if (self2.condition.select) {
          self2.select(self2.condition.select).catch((err) => {
            self2.silentEmit("error", err);
          });
        }
        new DataHandler_1.default(self2, {
          stringNumbers: self2.options.stringNumbers
        });
        const clientCommandPromises = [];
        if (self2.options.connectionName) {
          debug("set the connection name [%s]", self2.options.connectionName);
          clientCommandPromises.push(self2.client("setname", self2.options.connectionName).catch(utils_1.noop));
        }
        if (!self2.options.disableClientInfo) {
          debug("set the client info");
          clientCommandPromises.push((0, utils_1.getPackageMeta)().then((packageMeta) => {
            return self2.client("SETINFO", "LIB-VER", packageMeta.version).catch(utils_1.noop);
          }).catch(utils_1.noop));
          clientCommandPromises.push(self2.client("SETINFO", "LIB-NAME", ((_a = self2.options) === null || _a === void 0 ? void 0 : _a.clientInfoTag) ? `ioredis(${self2.options.clientInfoTag})` : "ioredis").catch(utils_1.noop));
        }
        Promise.all(clientCommandPromises).catch(utils_1.noop).finally(() => {
          if (!self2.options.enableReadyCheck) {
            exports2.readyHandler(self2)();
          }
          if (self2.options.enableReadyCheck) {
            self2._readyCheck(function(err, info) {
              if (connectionEpoch !== self2.connectionEpoch) {
                return;
              }
              if (err) {
                if (!flushed) {
                  self2.recoverFromFatalError(new Error("Ready check failed: " + err.message), err);
                }
              } else {
                if (self2.connector.check(info)) {
                  exports2.readyHandler(self2)();
                } else {
                  self2.disconnect(true);
                }
              }
            });
          }
        });
      };
    }
    exports2.connectHandler = connectHandler;
    function abortError(command) {
      const err = new redis_errors_1.AbortError("Command aborted due to connection close");
      err.command = {
        name: command.name,
        args: command.args
      };
      return err;
    }
    function abortIncompletePipelines(commandQueue) {
      var _a;
      let expectedIndex = 0;
      for (let i = 0; i < commandQueue.length; ) {
        const command = (_a = commandQueue.peekAt(i)) === null || _a === void 0 ? void 0 : _a.command;
        const pipelineIndex = command.pipelineIndex;
        if (pipelineIndex === void 0 || pipelineIndex === 0) {
          expectedIndex = 0;
        }
        if (pipelineIndex !== void 0 && pipelineIndex !== expectedIndex++) {
          commandQueue.remove(i, 1);
          command.reject(abortError(command));
          continue;
        }
        i++;
      }
    }
    function abortTransactionFragments(commandQueue) {
      var _a;
      for (let i = 0; i < commandQueue.length; ) {
        const command = (_a = commandQueue.peekAt(i)) === null || _a === void 0 ? void 0 : _a.command;
        if (command.name === "multi") {
          break;
        }
        if (command.name === "exec") {
          commandQueue.remove(i, 1);
          command.reject(abortError(command));
          break;
        }
        if (command.inTransaction) {
          commandQueue.remove(i, 1);
          command.reject(abortError(command));
        } else {
          i++;
        }
      }
    }
    function closeHandler(self2) {
      return function() {
        const prevStatus = self2.status;
        self2.setStatus("close");
        if (self2.commandQueue.length) {
          abortIncompletePipelines(self2.commandQueue);
        }
        if (self2.offlineQueue.length) {
          abortTransactionFragments(self2.offlineQueue);
        }
        if (prevStatus === "ready") {
          if (!self2.prevCondition) {
            self2.prevCondition = self2.condition;
          }
          if (self2.commandQueue.length) {
            self2.prevCommandQueue = self2.commandQueue;
          }
        }
        if (self2.manuallyClosing) {
          self2.manuallyClosing = false;
          debug("skip reconnecting since the connection is manually closed.");
          return close();
        }
        if (typeof self2.options.retryStrategy !== "function") {
          debug("skip reconnecting because `retryStrategy` is not a function");
          return close();
        }
        const retryDelay = self2.options.retryStrategy(++self2.retryAttempts);
        if (typeof retryDelay !== "number") {
          debug("skip reconnecting because `retryStrategy` doesn't return a number");
          return close();
        }
        debug("reconnect in %sms", retryDelay);
        self2.setStatus("reconnecting", retryDelay);
        self2.reconnectTimeout = setTimeout(function() {
          self2.reconnectTimeout = null;
          self2.connect().catch(utils_1.noop);
        }, retryDelay);
        const { maxRetriesPerRequest } = self2.options;
        if (typeof maxRetriesPerRequest === "number") {
          if (maxRetriesPerRequest < 0) {
            debug("maxRetriesPerRequest is negative, ignoring...");
          } else {
            const remainder = self2.retryAttempts % (maxRetriesPerRequest + 1);
            if (remainder === 0) {
              debug("reach maxRetriesPerRequest limitation, flushing command queue...");
              self2.flushQueue(new errors_1.MaxRetriesPerRequestError(maxRetriesPerRequest));
            }
          }
        }
      };
      function close() {
        self2.setStatus("end");
        self2.flushQueue(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
      }
    }
    exports2.closeHandler = closeHandler;
    function errorHandler(self2) {
      return function(error) {
        debug("error: %s", error);
        self2.silentEmit("error", error);
      };
    }
    exports2.errorHandler = errorHandler;
    function readyHandler(self2) {
      return function() {
        self2.setStatus("ready");
        self2.retryAttempts = 0;
        if (self2.options.monitor) {
          self2.call("monitor").then(() => self2.setStatus("monitoring"), (error) => self2.emit("error", error));
          const { sendCommand } = self2;
          self2.sendCommand = function(command) {
            if (Command_1.default.checkFlag("VALID_IN_MONITOR_MODE", command.name)) {
              return sendCommand.call(self2, command);
            }
            command.reject(new Error("Connection is in monitoring mode, can't process commands."));
            return command.promise;
          };
          self2.once("close", function() {
            delete self2.sendCommand;
          });
          return;
        }
        const finalSelect = self2.prevCondition ? self2.prevCondition.select : self2.condition.select;
        if (self2.options.readOnly) {
          debug("set the connection to readonly mode");
          self2.readonly().catch(utils_1.noop);
        }
        if (self2.prevCondition) {
          const condition = self2.prevCondition;
          self2.prevCondition = null;
          if (condition.subscriber && self2.options.autoResubscribe) {
            if (self2.condition.select !== finalSelect) {
              debug("connect to db [%d]", finalSelect);
              self2.select(finalSelect);
            }
            const subscribeChannels = condition.subscriber.channels("subscribe");
            if (subscribeChannels.length) {
              debug("subscribe %d channels", subscribeChannels.length);
              self2.subscribe(subscribeChannels);
            }
            const psubscribeChannels = condition.subscriber.channels("psubscribe");
            if (psubscribeChannels.length) {
              debug("psubscribe %d channels", psubscribeChannels.length);
              self2.psubscribe(psubscribeChannels);
            }
            const ssubscribeChannels = condition.subscriber.channels("ssubscribe");
            if (ssubscribeChannels.length) {
              debug("ssubscribe %s", ssubscribeChannels.length);
              for (const channel2 of ssubscribeChannels) {
                self2.ssubscribe(channel2);
              }
            }
          }
        }
        if (self2.prevCommandQueue) {
          if (self2.options.autoResendUnfulfilledCommands) {
            debug("resend %d unfulfilled commands", self2.prevCommandQueue.length);
            while (self2.prevCommandQueue.length > 0) {
              const item = self2.prevCommandQueue.shift();
              if (item.select !== self2.condition.select && item.command.name !== "select") {
                self2.select(item.select);
              }
              self2.sendCommand(item.command, item.stream);
            }
          } else {
            self2.prevCommandQueue = null;
          }
        }
        if (self2.offlineQueue.length) {
          debug("send %d commands in offline queue", self2.offlineQueue.length);
          const offlineQueue = self2.offlineQueue;
          self2.resetOfflineQueue();
          while (offlineQueue.length > 0) {
            const item = offlineQueue.shift();
            if (item.select !== self2.condition.select && item.command.name !== "select") {
              self2.select(item.select);
            }
            self2.sendCommand(item.command, item.stream);
          }
        }
        if (self2.condition.select !== finalSelect) {
          debug("connect to db [%d]", finalSelect);
          self2.select(finalSelect);
        }
      };
    }
    exports2.readyHandler = readyHandler;
  }
});

// ../node_modules/ioredis/built/redis/RedisOptions.js
var require_RedisOptions = __commonJS({
  "../node_modules/ioredis/built/redis/RedisOptions.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.DEFAULT_REDIS_OPTIONS = void 0;
    exports2.DEFAULT_REDIS_OPTIONS = {
      // Connection
      port: 6379,
      host: "localhost",
      family: 0,
      connectTimeout: 1e4,
      disconnectTimeout: 2e3,
      retryStrategy: function(times) {
        return Math.min(times * 50, 2e3);
      },
      keepAlive: 0,
      noDelay: true,
      connectionName: null,
      disableClientInfo: false,
      clientInfoTag: void 0,
      // Sentinel
      sentinels: null,
      name: null,
      role: "master",
      sentinelRetryStrategy: function(times) {
        return Math.min(times * 10, 1e3);
      },
      sentinelReconnectStrategy: function() {
        return 6e4;
      },
      natMap: null,
      enableTLSForSentinelMode: false,
      updateSentinels: true,
      failoverDetector: false,
      // Status
      username: null,
      password: null,
      db: 0,
      // Others
      enableOfflineQueue: true,
      enableReadyCheck: true,
      autoResubscribe: true,
      autoResendUnfulfilledCommands: true,
      lazyConnect: false,
      keyPrefix: "",
      reconnectOnError: null,
      readOnly: false,
      stringNumbers: false,
      maxRetriesPerRequest: 20,
      maxLoadingRetryTime: 1e4,
      enableAutoPipelining: false,
      autoPipeliningIgnoredCommands: [],
      sentinelMaxConnections: 10,
      blockingTimeoutGrace: 100
    };
  }
});

// ../node_modules/ioredis/built/Redis.js
var require_Redis = __commonJS({
  "../node_modules/ioredis/built/Redis.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var commands_1 = require_built();
    var events_1 = require("events");
    var standard_as_callback_1 = require_built2();
    var cluster_1 = require_cluster2();
    var Command_1 = require_Command();
    var connectors_1 = require_connectors();
    var SentinelConnector_1 = require_SentinelConnector();
    var eventHandler = require_event_handler();
    var RedisOptions_1 = require_RedisOptions();
    var ScanStream_1 = require_ScanStream();
    var transaction_1 = require_transaction();
    var utils_1 = require_utils4();
    var applyMixin_1 = require_applyMixin();
    var Commander_1 = require_Commander();
    var lodash_1 = require_lodash3();
    var Deque = require_denque();
    var debug = (0, utils_1.Debug)("redis");
    var Redis2 = class _Redis extends Commander_1.default {
      constructor(arg1, arg2, arg3) {
        super();
        this.status = "wait";
        this.isCluster = false;
        this.reconnectTimeout = null;
        this.connectionEpoch = 0;
        this.retryAttempts = 0;
        this.manuallyClosing = false;
        this._autoPipelines = /* @__PURE__ */ new Map();
        this._runningAutoPipelines = /* @__PURE__ */ new Set();
        this.parseOptions(arg1, arg2, arg3);
        events_1.EventEmitter.call(this);
        this.resetCommandQueue();
        this.resetOfflineQueue();
        if (this.options.Connector) {
          this.connector = new this.options.Connector(this.options);
        } else if (this.options.sentinels) {
          const sentinelConnector = new SentinelConnector_1.default(this.options);
          sentinelConnector.emitter = this;
          this.connector = sentinelConnector;
        } else {
          this.connector = new connectors_1.StandaloneConnector(this.options);
        }
        if (this.options.scripts) {
          Object.entries(this.options.scripts).forEach(([name, definition]) => {
            this.defineCommand(name, definition);
          });
        }
        if (this.options.lazyConnect) {
          this.setStatus("wait");
        } else {
          this.connect().catch(lodash_1.noop);
        }
      }
      /**
       * Create a Redis instance.
       * This is the same as `new Redis()` but is included for compatibility with node-redis.
       */
      static createClient(...args) {
        return new _Redis(...args);
      }
      get autoPipelineQueueSize() {
        let queued = 0;
        for (const pipeline of this._autoPipelines.values()) {
          queued += pipeline.length;
        }
        return queued;
      }
      /**
       * Create a connection to Redis.
       * This method will be invoked automatically when creating a new Redis instance
       * unless `lazyConnect: true` is passed.
       *
       * When calling this method manually, a Promise is returned, which will
       * be resolved when the connection status is ready. The promise can reject
       * if the connection fails, times out, or if Redis is already connecting/connected.
       */
      connect(callback) {
        const promise = new Promise((resolve, reject) => {
          if (this.status === "connecting" || this.status === "connect" || this.status === "ready") {
            reject(new Error("Redis is already connecting/connected"));
            return;
          }
          this.connectionEpoch += 1;
          this.setStatus("connecting");
          const { options } = this;
          this.condition = {
            select: options.db,
            auth: options.username ? [options.username, options.password] : options.password,
            subscriber: false
          };
          const _this = this;
          (0, standard_as_callback_1.default)(this.connector.connect(function(type, err) {
            _this.silentEmit(type, err);
          }), function(err, stream) {
            if (err) {
              _this.flushQueue(err);
              _this.silentEmit("error", err);
              reject(err);
              _this.setStatus("end");
              return;
            }
            let CONNECT_EVENT = options.tls ? "secureConnect" : "connect";
            if ("sentinels" in options && options.sentinels && !options.enableTLSForSentinelMode) {
              CONNECT_EVENT = "connect";
            }
            _this.stream = stream;
            if (options.noDelay) {
              stream.setNoDelay(true);
            }
            if (typeof options.keepAlive === "number") {
              if (stream.connecting) {
                stream.once(CONNECT_EVENT, () => {
                  stream.setKeepAlive(true, options.keepAlive);
                });
              } else {
                stream.setKeepAlive(true, options.keepAlive);
              }
            }
            if (stream.connecting) {
              stream.once(CONNECT_EVENT, eventHandler.connectHandler(_this));
              if (options.connectTimeout) {
                let connectTimeoutCleared = false;
                stream.setTimeout(options.connectTimeout, function() {
                  if (connectTimeoutCleared) {
                    return;
                  }
                  stream.setTimeout(0);
                  stream.destroy();
                  const err2 = new Error("connect ETIMEDOUT");
                  err2.errorno = "ETIMEDOUT";
                  err2.code = "ETIMEDOUT";
                  err2.syscall = "connect";
                  eventHandler.errorHandler(_this)(err2);
                });
                stream.once(CONNECT_EVENT, function() {
                  connectTimeoutCleared = true;
                  stream.setTimeout(0);
                });
              }
            } else if (stream.destroyed) {
              const firstError = _this.connector.firstError;
              if (firstError) {
                process.nextTick(() => {
                  eventHandler.errorHandler(_this)(firstError);
                });
              }
              process.nextTick(eventHandler.closeHandler(_this));
            } else {
              process.nextTick(eventHandler.connectHandler(_this));
            }
            if (!stream.destroyed) {
              stream.once("error", eventHandler.errorHandler(_this));
              stream.once("close", eventHandler.closeHandler(_this));
            }
            const connectionReadyHandler = function() {
              _this.removeListener("close", connectionCloseHandler);
              resolve();
            };
            var connectionCloseHandler = function() {
              _this.removeListener("ready", connectionReadyHandler);
              reject(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
            };
            _this.once("ready", connectionReadyHandler);
            _this.once("close", connectionCloseHandler);
          });
        });
        return (0, standard_as_callback_1.default)(promise, callback);
      }
      /**
       * Disconnect from Redis.
       *
       * This method closes the connection immediately,
       * and may lose some pending replies that haven't written to client.
       * If you want to wait for the pending replies, use Redis#quit instead.
       */
      disconnect(reconnect = false) {
        if (!reconnect) {
          this.manuallyClosing = true;
        }
        if (this.reconnectTimeout && !reconnect) {
          clearTimeout(this.reconnectTimeout);
          this.reconnectTimeout = null;
        }
        if (this.status === "wait") {
          eventHandler.closeHandler(this)();
        } else {
          this.connector.disconnect();
        }
      }
      /**
       * Disconnect from Redis.
       *
       * @deprecated
       */
      end() {
        this.disconnect();
      }
      /**
       * Create a new instance with the same options as the current one.
       *
       * @example
       * ```js
       * var redis = new Redis(6380);
       * var anotherRedis = redis.duplicate();
       * ```
       */
      duplicate(override) {
        return new _Redis({ ...this.options, ...override });
      }
      /**
       * Mode of the connection.
       *
       * One of `"normal"`, `"subscriber"`, or `"monitor"`. When the connection is
       * not in `"normal"` mode, certain commands are not allowed.
       */
      get mode() {
        var _a;
        return this.options.monitor ? "monitor" : ((_a = this.condition) === null || _a === void 0 ? void 0 : _a.subscriber) ? "subscriber" : "normal";
      }
      /**
       * Listen for all requests received by the server in real time.
       *
       * This command will create a new connection to Redis and send a
       * MONITOR command via the new connection in order to avoid disturbing
       * the current connection.
       *
       * @param callback The callback function. If omit, a promise will be returned.
       * @example
       * ```js
       * var redis = new Redis();
       * redis.monitor(function (err, monitor) {
       *   // Entering monitoring mode.
       *   monitor.on('monitor', function (time, args, source, database) {
       *     console.log(time + ": " + util.inspect(args));
       *   });
       * });
       *
       * // supports promise as well as other commands
       * redis.monitor().then(function (monitor) {
       *   monitor.on('monitor', function (time, args, source, database) {
       *     console.log(time + ": " + util.inspect(args));
       *   });
       * });
       * ```
       */
      monitor(callback) {
        const monitorInstance = this.duplicate({
          monitor: true,
          lazyConnect: false
        });
        return (0, standard_as_callback_1.default)(new Promise(function(resolve, reject) {
          monitorInstance.once("error", reject);
          monitorInstance.once("monitoring", function() {
            resolve(monitorInstance);
          });
        }), callback);
      }
      /**
       * Send a command to Redis
       *
       * This method is used internally and in most cases you should not
       * use it directly. If you need to send a command that is not supported
       * by the library, you can use the `call` method:
       *
       * ```js
       * const redis = new Redis();
       *
       * redis.call('set', 'foo', 'bar');
       * // or
       * redis.call(['set', 'foo', 'bar']);
       * ```
       *
       * @ignore
       */
      sendCommand(command, stream) {
        var _a, _b;
        if (this.status === "wait") {
          this.connect().catch(lodash_1.noop);
        }
        if (this.status === "end") {
          command.reject(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
          return command.promise;
        }
        if (((_a = this.condition) === null || _a === void 0 ? void 0 : _a.subscriber) && !Command_1.default.checkFlag("VALID_IN_SUBSCRIBER_MODE", command.name)) {
          command.reject(new Error("Connection in subscriber mode, only subscriber commands may be used"));
          return command.promise;
        }
        if (typeof this.options.commandTimeout === "number") {
          command.setTimeout(this.options.commandTimeout);
        }
        const blockingTimeout = this.getBlockingTimeoutInMs(command);
        let writable = this.status === "ready" || !stream && this.status === "connect" && (0, commands_1.exists)(command.name, { caseInsensitive: true }) && ((0, commands_1.hasFlag)(command.name, "loading", { nameCaseInsensitive: true }) || Command_1.default.checkFlag("HANDSHAKE_COMMANDS", command.name));
        if (!this.stream) {
          writable = false;
        } else if (!this.stream.writable) {
          writable = false;
        } else if (this.stream._writableState && this.stream._writableState.ended) {
          writable = false;
        }
        if (!writable) {
          if (!this.options.enableOfflineQueue) {
            command.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
            return command.promise;
          }
          if (command.name === "quit" && this.offlineQueue.length === 0) {
            this.disconnect();
            command.resolve(Buffer.from("OK"));
            return command.promise;
          }
          if (debug.enabled) {
            debug("queue command[%s]: %d -> %s(%o)", this._getDescription(), this.condition.select, command.name, command.args);
          }
          this.offlineQueue.push({
            command,
            stream,
            select: this.condition.select
          });
          if (Command_1.default.checkFlag("BLOCKING_COMMANDS", command.name)) {
            const offlineTimeout = this.getConfiguredBlockingTimeout();
            if (offlineTimeout !== void 0) {
              command.setBlockingTimeout(offlineTimeout);
            }
          }
        } else {
          if (debug.enabled) {
            debug("write command[%s]: %d -> %s(%o)", this._getDescription(), (_b = this.condition) === null || _b === void 0 ? void 0 : _b.select, command.name, command.args);
          }
          if (stream) {
            if ("isPipeline" in stream && stream.isPipeline) {
              stream.write(command.toWritable(stream.destination.redis.stream));
            } else {
              stream.write(command.toWritable(stream));
            }
          } else {
            this.stream.write(command.toWritable(this.stream));
          }
          this.commandQueue.push({
            command,
            stream,
            select: this.condition.select
          });
          if (blockingTimeout !== void 0) {
            command.setBlockingTimeout(blockingTimeout);
          }
          if (Command_1.default.checkFlag("WILL_DISCONNECT", command.name)) {
            this.manuallyClosing = true;
          }
          if (this.options.socketTimeout !== void 0 && this.socketTimeoutTimer === void 0) {
            this.setSocketTimeout();
          }
        }
        if (command.name === "select" && (0, utils_1.isInt)(command.args[0])) {
          const db = parseInt(command.args[0], 10);
          if (this.condition.select !== db) {
            this.condition.select = db;
            this.emit("select", db);
            debug("switch to db [%d]", this.condition.select);
          }
        }
        return command.promise;
      }
      getBlockingTimeoutInMs(command) {
        var _a;
        if (!Command_1.default.checkFlag("BLOCKING_COMMANDS", command.name)) {
          return void 0;
        }
        const configuredTimeout = this.getConfiguredBlockingTimeout();
        if (configuredTimeout === void 0) {
          return void 0;
        }
        const timeout = command.extractBlockingTimeout();
        if (typeof timeout === "number") {
          if (timeout > 0) {
            return timeout + ((_a = this.options.blockingTimeoutGrace) !== null && _a !== void 0 ? _a : RedisOptions_1.DEFAULT_REDIS_OPTIONS.blockingTimeoutGrace);
          }
          return configuredTimeout;
        }
        if (timeout === null) {
          return configuredTimeout;
        }
        return void 0;
      }
      getConfiguredBlockingTimeout() {
        if (typeof this.options.blockingTimeout === "number" && this.options.blockingTimeout > 0) {
          return this.options.blockingTimeout;
        }
        return void 0;
      }
      setSocketTimeout() {
        this.socketTimeoutTimer = setTimeout(() => {
          this.stream.destroy(new Error(`Socket timeout. Expecting data, but didn't receive any in ${this.options.socketTimeout}ms.`));
          this.socketTimeoutTimer = void 0;
        }, this.options.socketTimeout);
        this.stream.once("data", () => {
          clearTimeout(this.socketTimeoutTimer);
          this.socketTimeoutTimer = void 0;
          if (this.commandQueue.length === 0)
            return;
          this.setSocketTimeout();
        });
      }
      scanStream(options) {
        return this.createScanStream("scan", { options });
      }
      scanBufferStream(options) {
        return this.createScanStream("scanBuffer", { options });
      }
      sscanStream(key, options) {
        return this.createScanStream("sscan", { key, options });
      }
      sscanBufferStream(key, options) {
        return this.createScanStream("sscanBuffer", { key, options });
      }
      hscanStream(key, options) {
        return this.createScanStream("hscan", { key, options });
      }
      hscanBufferStream(key, options) {
        return this.createScanStream("hscanBuffer", { key, options });
      }
      zscanStream(key, options) {
        return this.createScanStream("zscan", { key, options });
      }
      zscanBufferStream(key, options) {
        return this.createScanStream("zscanBuffer", { key, options });
      }
      /**
       * Emit only when there's at least one listener.
       *
       * @ignore
       */
      silentEmit(eventName, arg) {
        let error;
        if (eventName === "error") {
          error = arg;
          if (this.status === "end") {
            return;
          }
          if (this.manuallyClosing) {
            if (error instanceof Error && (error.message === utils_1.CONNECTION_CLOSED_ERROR_MSG || // @ts-expect-error
            error.syscall === "connect" || // @ts-expect-error
            error.syscall === "read")) {
              return;
            }
          }
        }
        if (this.listeners(eventName).length > 0) {
          return this.emit.apply(this, arguments);
        }
        if (error && error instanceof Error) {
          console.error("[ioredis] Unhandled error event:", error.stack);
        }
        return false;
      }
      /**
       * @ignore
       */
      recoverFromFatalError(_commandError, err, options) {
        this.flushQueue(err, options);
        this.silentEmit("error", err);
        this.disconnect(true);
      }
      /**
       * @ignore
       */
      handleReconnection(err, item) {
        var _a;
        let needReconnect = false;
        if (this.options.reconnectOnError && !Command_1.default.checkFlag("IGNORE_RECONNECT_ON_ERROR", item.command.name)) {
          needReconnect = this.options.reconnectOnError(err);
        }
        switch (needReconnect) {
          case 1:
          case true:
            if (this.status !== "reconnecting") {
              this.disconnect(true);
            }
            item.command.reject(err);
            break;
          case 2:
            if (this.status !== "reconnecting") {
              this.disconnect(true);
            }
            if (((_a = this.condition) === null || _a === void 0 ? void 0 : _a.select) !== item.select && item.command.name !== "select") {
              this.select(item.select);
            }
            this.sendCommand(item.command);
            break;
          default:
            item.command.reject(err);
        }
      }
      /**
       * Get description of the connection. Used for debugging.
       */
      _getDescription() {
        let description;
        if ("path" in this.options && this.options.path) {
          description = this.options.path;
        } else if (this.stream && this.stream.remoteAddress && this.stream.remotePort) {
          description = this.stream.remoteAddress + ":" + this.stream.remotePort;
        } else if ("host" in this.options && this.options.host) {
          description = this.options.host + ":" + this.options.port;
        } else {
          description = "";
        }
        if (this.options.connectionName) {
          description += ` (${this.options.connectionName})`;
        }
        return description;
      }
      resetCommandQueue() {
        this.commandQueue = new Deque();
      }
      resetOfflineQueue() {
        this.offlineQueue = new Deque();
      }
      parseOptions(...args) {
        const options = {};
        let isTls = false;
        for (let i = 0; i < args.length; ++i) {
          const arg = args[i];
          if (arg === null || typeof arg === "undefined") {
            continue;
          }
          if (typeof arg === "object") {
            (0, lodash_1.defaults)(options, arg);
          } else if (typeof arg === "string") {
            (0, lodash_1.defaults)(options, (0, utils_1.parseURL)(arg));
            if (arg.startsWith("rediss://")) {
              isTls = true;
            }
          } else if (typeof arg === "number") {
            options.port = arg;
          } else {
            throw new Error("Invalid argument " + arg);
          }
        }
        if (isTls) {
          (0, lodash_1.defaults)(options, { tls: true });
        }
        (0, lodash_1.defaults)(options, _Redis.defaultOptions);
        if (typeof options.port === "string") {
          options.port = parseInt(options.port, 10);
        }
        if (typeof options.db === "string") {
          options.db = parseInt(options.db, 10);
        }
        this.options = (0, utils_1.resolveTLSProfile)(options);
      }
      /**
       * Change instance's status
       */
      setStatus(status, arg) {
        if (debug.enabled) {
          debug("status[%s]: %s -> %s", this._getDescription(), this.status || "[empty]", status);
        }
        this.status = status;
        process.nextTick(this.emit.bind(this, status, arg));
      }
      createScanStream(command, { key, options = {} }) {
        return new ScanStream_1.default({
          objectMode: true,
          key,
          redis: this,
          command,
          ...options
        });
      }
      /**
       * Flush offline queue and command queue with error.
       *
       * @param error The error object to send to the commands
       * @param options options
       */
      flushQueue(error, options) {
        options = (0, lodash_1.defaults)({}, options, {
          offlineQueue: true,
          commandQueue: true
        });
        let item;
        if (options.offlineQueue) {
          while (item = this.offlineQueue.shift()) {
            item.command.reject(error);
          }
        }
        if (options.commandQueue) {
          if (this.commandQueue.length > 0) {
            if (this.stream) {
              this.stream.removeAllListeners("data");
            }
            while (item = this.commandQueue.shift()) {
              item.command.reject(error);
            }
          }
        }
      }
      /**
       * Check whether Redis has finished loading the persistent data and is able to
       * process commands.
       */
      _readyCheck(callback) {
        const _this = this;
        this.info(function(err, res) {
          if (err) {
            if (err.message && err.message.includes("NOPERM")) {
              console.warn(`Skipping the ready check because INFO command fails: "${err.message}". You can disable ready check with "enableReadyCheck". More: https://github.com/luin/ioredis/wiki/Disable-ready-check.`);
              return callback(null, {});
            }
            return callback(err);
          }
          if (typeof res !== "string") {
            return callback(null, res);
          }
          const info = {};
          const lines = res.split("\r\n");
          for (let i = 0; i < lines.length; ++i) {
            const [fieldName, ...fieldValueParts] = lines[i].split(":");
            const fieldValue = fieldValueParts.join(":");
            if (fieldValue) {
              info[fieldName] = fieldValue;
            }
          }
          if (!info.loading || info.loading === "0") {
            callback(null, info);
          } else {
            const loadingEtaMs = (info.loading_eta_seconds || 1) * 1e3;
            const retryTime = _this.options.maxLoadingRetryTime && _this.options.maxLoadingRetryTime < loadingEtaMs ? _this.options.maxLoadingRetryTime : loadingEtaMs;
            debug("Redis server still loading, trying again in " + retryTime + "ms");
            setTimeout(function() {
              _this._readyCheck(callback);
            }, retryTime);
          }
        }).catch(lodash_1.noop);
      }
    };
    Redis2.Cluster = cluster_1.default;
    Redis2.Command = Command_1.default;
    Redis2.defaultOptions = RedisOptions_1.DEFAULT_REDIS_OPTIONS;
    (0, applyMixin_1.default)(Redis2, events_1.EventEmitter);
    (0, transaction_1.addTransactionSupport)(Redis2.prototype);
    exports2.default = Redis2;
  }
});

// ../node_modules/ioredis/built/index.js
var require_built3 = __commonJS({
  "../node_modules/ioredis/built/index.js"(exports2, module2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.print = exports2.ReplyError = exports2.SentinelIterator = exports2.SentinelConnector = exports2.AbstractConnector = exports2.Pipeline = exports2.ScanStream = exports2.Command = exports2.Cluster = exports2.Redis = exports2.default = void 0;
    exports2 = module2.exports = require_Redis().default;
    var Redis_1 = require_Redis();
    Object.defineProperty(exports2, "default", { enumerable: true, get: function() {
      return Redis_1.default;
    } });
    var Redis_2 = require_Redis();
    Object.defineProperty(exports2, "Redis", { enumerable: true, get: function() {
      return Redis_2.default;
    } });
    var cluster_1 = require_cluster2();
    Object.defineProperty(exports2, "Cluster", { enumerable: true, get: function() {
      return cluster_1.default;
    } });
    var Command_1 = require_Command();
    Object.defineProperty(exports2, "Command", { enumerable: true, get: function() {
      return Command_1.default;
    } });
    var ScanStream_1 = require_ScanStream();
    Object.defineProperty(exports2, "ScanStream", { enumerable: true, get: function() {
      return ScanStream_1.default;
    } });
    var Pipeline_1 = require_Pipeline();
    Object.defineProperty(exports2, "Pipeline", { enumerable: true, get: function() {
      return Pipeline_1.default;
    } });
    var AbstractConnector_1 = require_AbstractConnector();
    Object.defineProperty(exports2, "AbstractConnector", { enumerable: true, get: function() {
      return AbstractConnector_1.default;
    } });
    var SentinelConnector_1 = require_SentinelConnector();
    Object.defineProperty(exports2, "SentinelConnector", { enumerable: true, get: function() {
      return SentinelConnector_1.default;
    } });
    Object.defineProperty(exports2, "SentinelIterator", { enumerable: true, get: function() {
      return SentinelConnector_1.SentinelIterator;
    } });
    exports2.ReplyError = require_redis_errors().ReplyError;
    Object.defineProperty(exports2, "Promise", {
      get() {
        console.warn("ioredis v5 does not support plugging third-party Promise library anymore. Native Promise will be used.");
        return Promise;
      },
      set(_lib) {
        console.warn("ioredis v5 does not support plugging third-party Promise library anymore. Native Promise will be used.");
      }
    });
    function print(err, reply) {
      if (err) {
        console.log("Error: " + err);
      } else {
        console.log("Reply: " + reply);
      }
    }
    exports2.print = print;
  }
});

// src/cli.ts
var import_node_fs7 = require("fs");
var import_node_cluster9 = __toESM(require("cluster"), 1);
var import_node_os3 = require("os");
var import_node_util2 = require("util");

// src/metrics/workers.ts
var import_prom_client = __toESM(require_prom_client(), 1);
var scrapeTimeoutMs = 6e3;
function scrapeAcrossWorkers(registry, askPrimary) {
  import_prom_client.AggregatorRegistry.setRegistries([registry]);
  new import_prom_client.AggregatorRegistry();
  return () => askPrimary(scrapeTimeoutMs).catch((error) => {
    throw new Error(`the workers' metrics could not be gathered: ${error.message}`);
  });
}
function workerMetricsGatherer() {
  const aggregator = new import_prom_client.AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}

// src/workers/primary.ts
var import_node_cluster4 = __toESM(require("cluster"), 1);
var import_node_fs2 = require("fs");

// src/stores/memory-store.ts
var channelKey = (appId, channel2) => `${appId}
${channel2}`;
var MemoryStore = class {
  channels = /* @__PURE__ */ new Map();
  byNode = /* @__PURE__ */ new Map();
  cache = /* @__PURE__ */ new Map();
  /** Channel → node → that node's subscriber count. */
  counts = /* @__PURE__ */ new Map();
  record(appId, channel2) {
    const key = channelKey(appId, channel2);
    let record = this.channels.get(key);
    if (!record) {
      record = { nodes: /* @__PURE__ */ new Set(), users: /* @__PURE__ */ new Map() };
      this.channels.set(key, record);
    }
    return record;
  }
  register(node, entry, add) {
    const key = `${entry.appId}
${entry.channel}
${entry.count ? "#" : `=${entry.userId ?? ""}`}`;
    let entries = this.byNode.get(node);
    if (add) {
      if (!entries) {
        entries = /* @__PURE__ */ new Map();
        this.byNode.set(node, entries);
      }
      entries.set(key, entry);
    } else {
      entries?.delete(key);
    }
  }
  enter(node, appId, channel2, occupied, member, wantMembers) {
    const record = this.record(appId, channel2);
    const result = { occupied: false, memberAdded: false };
    if (occupied && !record.nodes.has(node)) {
      record.nodes.add(node);
      result.occupied = record.nodes.size === 1;
      this.register(node, { appId, channel: channel2 }, true);
    }
    if (member) {
      let user = record.users.get(member.userId);
      if (!user) {
        user = { info: member.info, nodes: /* @__PURE__ */ new Set() };
        record.users.set(member.userId, user);
        result.memberAdded = true;
      }
      user.nodes.add(node);
      this.register(node, { appId, channel: channel2, userId: member.userId }, true);
    }
    if (wantMembers) result.members = new Map([...record.users].map(([id, user]) => [id, user.info]));
    return result;
  }
  exit(node, appId, channel2, vacated, userId) {
    const key = channelKey(appId, channel2);
    const record = this.channels.get(key);
    const result = { vacated: false, memberRemoved: false };
    if (!record) return result;
    if (vacated && record.nodes.delete(node)) {
      result.vacated = record.nodes.size === 0;
      this.register(node, { appId, channel: channel2 }, false);
    }
    if (userId !== void 0) {
      const user = record.users.get(userId);
      if (user?.nodes.delete(node)) {
        this.register(node, { appId, channel: channel2, userId }, false);
        if (user.nodes.size === 0) {
          record.users.delete(userId);
          result.memberRemoved = true;
        }
      }
    }
    if (record.nodes.size === 0 && record.users.size === 0) this.channels.delete(key);
    return result;
  }
  setCount(node, appId, channel2, count) {
    const key = channelKey(appId, channel2);
    let perNode = this.counts.get(key);
    if (count > 0) {
      if (!perNode) {
        perNode = /* @__PURE__ */ new Map();
        this.counts.set(key, perNode);
      }
      perNode.set(node, count);
    } else {
      perNode?.delete(node);
      if (perNode?.size === 0) this.counts.delete(key);
    }
    this.register(node, { appId, channel: channel2, count: true }, count > 0);
    let total = 0;
    for (const n of perNode?.values() ?? []) total += n;
    return total;
  }
  members(appId, channel2) {
    const record = this.channels.get(channelKey(appId, channel2));
    return new Map(record ? [...record.users].map(([id, user]) => [id, user.info]) : []);
  }
  userCount(appId, channel2) {
    return this.channels.get(channelKey(appId, channel2))?.users.size ?? 0;
  }
  userCounts(appId, channels2) {
    return channels2.map((channel2) => this.userCount(appId, channel2));
  }
  setCached(appId, channel2, message, ttlMs) {
    this.cache.set(channelKey(appId, channel2), { message, expiresAt: Date.now() + ttlMs });
  }
  cached(appId, channel2) {
    const key = channelKey(appId, channel2);
    const entry = this.cache.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.message;
    this.cache.delete(key);
    return void 0;
  }
  /** Drops expired cache entries (called now and then by the owner). */
  expire(now = Date.now()) {
    for (const [key, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(key);
  }
  entries(node) {
    return [...this.byNode.get(node)?.values() ?? []];
  }
  /** Removes everything a dead node held; returns what that changed cluster-wide. */
  reap(node) {
    const changes = [];
    for (const entry of this.entries(node)) {
      if (entry.count) {
        this.setCount(node, entry.appId, entry.channel, 0);
        continue;
      }
      const result = this.exit(node, entry.appId, entry.channel, entry.userId === void 0, entry.userId);
      if (result.vacated || result.memberRemoved) {
        changes.push({ appId: entry.appId, channel: entry.channel, vacated: result.vacated, removedUserId: result.memberRemoved ? entry.userId : void 0 });
      }
    }
    this.byNode.delete(node);
    return changes;
  }
};

// src/workers/ipc-messages.ts
var workerNodeId = (workerId) => `worker${String(workerId).padStart(10, "0")}`;
function isPogoMessage(message) {
  return typeof message === "object" && message !== null && typeof message.pogo === "string";
}

// src/workers/mesh.ts
var import_node_fs = require("fs");
var import_node_net = require("net");
var import_node_os = require("os");
var import_node_path = require("path");
var maxUnsentBytes = 64 * 1024 * 1024;
var helloTimeoutMs = 2e3;
var meshDirectoryVariable = "POGO_MESH_DIR";
function createMeshDirectory() {
  const directory = (0, import_node_fs.mkdtempSync)((0, import_node_path.join)((0, import_node_os.tmpdir)(), `pogo-ws-${process.pid}-`));
  if (process.platform !== "win32") (0, import_node_fs.chmodSync)(directory, 448);
  return directory;
}
function checkMeshDirectory(directory) {
  if (process.platform === "win32") return;
  const stat = (0, import_node_fs.statSync)(directory);
  const owner = process.getuid?.();
  if (!stat.isDirectory() || owner !== void 0 && stat.uid !== owner || (stat.mode & 63) !== 0) {
    throw new Error(`the worker mesh directory ${directory} must be a directory of this user with mode 0700`);
  }
}
function meshAddress(directory, nodeId) {
  return process.platform === "win32" ? `\\\\.\\pipe\\${directory.replace(/[^A-Za-z0-9-]/g, "")}-${nodeId}` : (0, import_node_path.join)(directory, `${nodeId}.sock`);
}
function removeSocketFile(address) {
  if (process.platform !== "win32" && (0, import_node_fs.existsSync)(address)) (0, import_node_fs.rmSync)(address, { force: true });
}
var FrameReader = class {
  constructor(onFrame) {
    this.onFrame = onFrame;
  }
  buffered;
  push(chunk) {
    const data = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    let at = 0;
    while (data.length - at >= 4) {
      const length = data.readUInt32BE(at);
      if (data.length - at - 4 < length) break;
      this.onFrame(data.toString("utf8", at + 4, at + 4 + length));
      at += 4 + length;
    }
    this.buffered = at === data.length ? void 0 : data.subarray(at);
  }
};
function frames(payloads) {
  let total = 0;
  for (const payload of payloads) total += 4 + Buffer.byteLength(payload);
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const payload of payloads) {
    const length = out.write(payload, at + 4);
    out.writeUInt32BE(length, at);
    at += 4 + length;
  }
  return out;
}
var WorkerMesh = class {
  constructor(nodeId, address, events2) {
    this.nodeId = nodeId;
    this.address = address;
    this.events = events2;
  }
  peers = /* @__PURE__ */ new Map();
  server;
  dirty = [];
  scheduled = false;
  closed = false;
  /** How many other workers this one is connected to. */
  get size() {
    return this.peers.size;
  }
  /** Starts accepting the workers that come after this one. */
  listen() {
    removeSocketFile(this.address);
    return new Promise((resolve, reject) => {
      const server = (0, import_node_net.createServer)((socket) => this.accept(socket));
      server.once("error", reject);
      server.listen(this.address, () => {
        server.off("error", reject);
        if (process.platform !== "win32") (0, import_node_fs.chmodSync)(this.address, 384);
        server.on("error", (error) => this.events.warn(`worker mesh: ${error.message}`));
        this.server = server;
        resolve();
      });
    });
  }
  accept(socket) {
    let peer;
    const reader = new FrameReader((payload) => {
      if (peer) return this.events.message(payload);
      peer = this.add(payload, socket);
      socket.write(frames([this.nodeId]));
    });
    socket.on("data", (chunk) => reader.push(chunk));
    socket.on("error", () => void 0);
  }
  /** Connects to a worker that was there first; resolves once it answered (or gave up on it). */
  join(address) {
    return new Promise((resolve) => {
      let peer;
      const socket = (0, import_node_net.createConnection)(address);
      const timer = setTimeout(() => {
        this.events.warn(`worker mesh: ${address} did not answer within ${helloTimeoutMs} ms`);
        socket.destroy();
        resolve();
      }, helloTimeoutMs);
      const reader = new FrameReader((payload) => {
        if (peer) return this.events.message(payload);
        peer = this.add(payload, socket);
        clearTimeout(timer);
        resolve();
      });
      socket.on("connect", () => socket.write(frames([this.nodeId])));
      socket.on("data", (chunk) => reader.push(chunk));
      socket.on("error", () => {
        if (!peer) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
  add(id, socket) {
    const peer = { id, socket, queue: [] };
    this.peers.set(id, peer);
    socket.once("close", () => {
      if (this.peers.get(id) === peer) this.peers.delete(id);
    });
    return peer;
  }
  /** To every other worker, in order; leaves with everything else owed to it this turn. */
  send(payload) {
    for (const peer of this.peers.values()) {
      if (peer.queue.length === 0) this.dirty.push(peer);
      peer.queue.push(payload);
    }
    if (!this.scheduled && this.dirty.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
  flush() {
    this.scheduled = false;
    const dirty = this.dirty;
    this.dirty = [];
    for (const peer of dirty) {
      const queue = peer.queue;
      peer.queue = [];
      if (peer.socket.destroyed) continue;
      if (peer.socket.writableLength > maxUnsentBytes) {
        this.events.dropped(queue);
        continue;
      }
      peer.socket.write(frames(queue));
    }
  }
  close() {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.flush();
    for (const peer of this.peers.values()) peer.socket.end();
    this.peers.clear();
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
    }).then(() => removeSocketFile(this.address));
  }
};

// src/workers/worker-pool.ts
var import_node_cluster = __toESM(require("cluster"), 1);
var deathsPerWorker = 3;
var WorkerPool = class {
  constructor(options) {
    this.options = options;
  }
  workers = /* @__PURE__ */ new Set();
  stopping = false;
  exitCode = 0;
  recentDeaths = [];
  finish = () => {
  };
  done = new Promise((resolve) => this.finish = resolve);
  get size() {
    return this.workers.size;
  }
  /** Forks every worker; resolves with the exit code once all have stopped. */
  start() {
    for (let i = 0; i < this.options.size; i++) this.fork();
    return this.done;
  }
  /** Passes a signal on to every worker (SIGHUP: each reloads its configuration). */
  signal(signal) {
    for (const worker of this.workers) worker.process.kill(signal);
  }
  stop(code) {
    if (this.stopping) return;
    this.stopping = true;
    this.exitCode = code;
    if (this.workers.size === 0) this.finish(code);
    for (const worker of this.workers) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of this.workers) worker.process.kill("SIGKILL");
      this.finish(code);
    }, 3e4).unref();
  }
  fork() {
    const { log: log2 } = this.options;
    const worker = import_node_cluster.default.fork(this.options.env);
    this.workers.add(worker);
    worker.on("message", (message) => {
      if (isPogoMessage(message)) this.options.message(worker, message);
    });
    worker.on("exit", (code, signal) => {
      this.workers.delete(worker);
      this.options.exited(worker, [...this.workers][0]);
      if (this.stopping) {
        if (code !== 0) log2.warn(`worker ${worker.id} stopped with ${signal ?? `code ${code}`}`);
        if (this.workers.size === 0) this.finish(this.exitCode);
        return;
      }
      log2.warn(`worker ${worker.id} exited (${signal ?? `code ${code}`}); starting another`);
      const now = Date.now();
      this.recentDeaths = [...this.recentDeaths.filter((t) => now - t < 1e4), now];
      if (this.recentDeaths.length > this.options.size * deathsPerWorker) {
        log2.error("workers keep dying; giving up");
        this.stop(1);
        return;
      }
      setTimeout(() => this.fork(), 200);
    });
  }
};

// src/workers/worker-requests.ts
var import_node_cluster2 = __toESM(require("cluster"), 1);

// src/fallback/session-registry.ts
var SessionRegistry = class {
  owners = /* @__PURE__ */ new Map();
  /** The worker holding `session`; with `claim`, `worker` becomes it when none does. Undefined: nobody. */
  owner(session, worker, claim) {
    const owner = this.owners.get(session);
    if (owner !== void 0 || !claim) return owner;
    this.owners.set(session, worker);
    return worker;
  }
  /** `worker` no longer holds `session` (a later claim by another worker is left alone). */
  release(session, worker) {
    if (this.owners.get(session) === worker) this.owners.delete(session);
  }
  /** `worker` is gone, and its sessions with it (their clients open new ones). */
  dropWorker(worker) {
    for (const [session, owner] of this.owners) if (owner === worker) this.owners.delete(session);
  }
  get size() {
    return this.owners.size;
  }
};

// src/workers/worker-requests.ts
var ignoreSendError = () => void 0;
function sendTo(worker, message) {
  if (worker.isConnected()) worker.send(message, void 0, void 0, ignoreSendError);
}
var WorkerRequests = class {
  constructor(store, gatherMetrics) {
    this.store = store;
    this.gatherMetrics = gatherMetrics;
  }
  /** Workers on the mesh, in the order they joined: each new one connects to those before it. */
  meshAddresses = /* @__PURE__ */ new Map();
  /** Which worker holds each HTTP fallback session (a request for it may reach any worker). */
  sessions = new SessionRegistry();
  /** Answers a worker's request (store write, call, join, scrape); other messages are not its business. */
  handle(worker, message) {
    const { store } = this;
    if (message.pogo === "cache") {
      store.setCached(message.cache.appId, message.cache.channel, message.cache.message, message.cache.ttlMs);
    } else if (message.pogo === "call" && message.op === "scrape") {
      this.gatherMetrics().then(
        (result) => sendTo(worker, { pogo: "result", id: message.id, result }),
        (error) => sendTo(worker, { pogo: "result", id: message.id, error: error.message })
      );
    } else if (message.pogo === "call" && message.op === "sessionOwner") {
      const [session, claim] = message.args;
      sendTo(worker, { pogo: "result", id: message.id, result: this.sessions.owner(String(session), worker.id, claim === true) ?? null });
    } else if (message.pogo === "sessionReleased") {
      this.sessions.release(message.session, worker.id);
    } else if (message.pogo === "relay") {
      const target = import_node_cluster2.default.workers?.[message.to];
      if (target?.isConnected()) sendTo(target, { pogo: "relay", from: worker.id, relay: message.relay });
      else sendTo(worker, { pogo: "workerGone", worker: message.to });
    } else if (message.pogo === "call" && message.op === "join") {
      const earlier = [...this.meshAddresses.values()];
      this.meshAddresses.set(worker, message.args[0]);
      sendTo(worker, { pogo: "result", id: message.id, result: earlier });
    } else if (message.pogo === "call") {
      let reply;
      try {
        const [a, b, c, d, e, f] = message.args;
        const result = message.op === "enter" ? store.enter(a, b, c, d, e, f) : message.op === "exit" ? store.exit(a, b, c, d, e) : message.op === "members" ? store.members(a, b) : message.op === "userCount" ? store.userCount(a, b) : message.op === "userCounts" ? store.userCounts(a, b) : message.op === "cached" ? store.cached(a, b) : message.op === "entries" ? store.entries(a) : store.setCount(a, b, c, d);
        reply = { pogo: "result", id: message.id, result };
      } catch (error) {
        reply = { pogo: "result", id: message.id, error: error.message };
      }
      sendTo(worker, reply);
    }
  }
  /** `worker` is gone: off the mesh; with `reap`, its members leave the cluster and `announcer` tells (and fires webhooks). */
  left(worker, announcer, reap) {
    this.meshAddresses.delete(worker);
    this.sessions.dropWorker(worker.id);
    for (const other of Object.values(import_node_cluster2.default.workers ?? {})) if (other && other !== worker) sendTo(other, { pogo: "workerGone", worker: worker.id });
    if (!reap) return;
    const changes = this.store.reap(workerNodeId(worker.id));
    if (changes.length > 0 && announcer) sendTo(announcer, { pogo: "reaped", changes });
  }
};

// src/deploy/restart.ts
var import_node_cluster3 = __toESM(require("cluster"), 1);

// src/workers/primary-link.ts
var PrimaryUnreachable = class extends Error {
};
var PrimaryLink = class {
  calls = /* @__PURE__ */ new Map();
  nextCall = 1;
  listening = false;
  onMessage = (message) => {
    if (!isPogoMessage(message) || message.pogo !== "result") return;
    const answer = message;
    const call = this.calls.get(answer.id);
    if (!call) return;
    this.calls.delete(answer.id);
    clearTimeout(call.timer);
    if (answer.error !== void 0) call.reject(new Error(answer.error));
    else call.resolve(answer.result);
  };
  /** Sends without waiting for an answer; throws PrimaryUnreachable when the primary is gone. */
  post(message) {
    if (process.connected && process.send) process.send(message);
    else throw new PrimaryUnreachable("the primary process is gone");
  }
  call(op, args, timeoutMs) {
    if (!this.listening) {
      this.listening = true;
      process.on("message", this.onMessage);
    }
    return new Promise((resolve, reject) => {
      const id = this.nextCall++;
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new PrimaryUnreachable(`the primary did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.calls.set(id, { resolve, reject, timer });
      try {
        this.post({ pogo: "call", id, op, args });
      } catch (error) {
        clearTimeout(timer);
        this.calls.delete(id);
        reject(error);
      }
    });
  }
  /** Stops waiting: pending calls never settle and hold no timer (shutdown). */
  close() {
    for (const call of this.calls.values()) clearTimeout(call.timer);
    this.calls.clear();
    if (this.listening) process.off("message", this.onMessage);
    this.listening = false;
  }
};
var primaryLink = new PrimaryLink();

// src/deploy/restart.ts
function restartLine(appId, reason) {
  return `restart asked by app ${JSON.stringify(appId)}${reason ? ` (${JSON.stringify(reason)})` : ""}`;
}
function restartObserver(actions) {
  let asked = false;
  return {
    restartRequested(appId, reason) {
      if (asked) return;
      asked = true;
      if (import_node_cluster3.default.isWorker) {
        try {
          primaryLink.post({ pogo: "restart", appId, ...reason !== void 0 ? { reason } : {} });
          return;
        } catch {
        }
      }
      actions.info(`${restartLine(appId, reason)}: closing connections (4200), then exiting with 0 for the supervisor to start pogo-ws again`);
      setImmediate(() => actions.stop());
    }
  };
}

// src/workers/primary.ts
function runPrimary(options) {
  const { log: log2 } = options;
  import_node_cluster4.default.setupPrimary({ serialization: "advanced" });
  const meshDirectory = options.ipc ? createMeshDirectory() : void 0;
  const store = new MemoryStore();
  const requests = new WorkerRequests(store, options.gatherMetrics);
  const listeningLines = [];
  let restarting = false;
  const pool = new WorkerPool({
    size: options.workers,
    env: { POGO_WORKER: "1", POGO_WORKER_IPC: options.ipc ? "1" : "0", ...meshDirectory ? { [meshDirectoryVariable]: meshDirectory } : {} },
    log: log2,
    message: (worker, message) => {
      if (message.pogo === "listening") {
        listeningLines.push(message.line);
        if (listeningLines.length === options.workers) {
          log2.info(`${listeningLines[0]} [${options.workers} workers, ${options.ipc ? "coordinated by the primary process" : "coordinated through Redis"}]`);
        }
      } else if (message.pogo === "restart") {
        if (restarting) return;
        restarting = true;
        log2.info(`${restartLine(message.appId, message.reason)}: stopping ${pool.size} workers, then exiting with 0 for the supervisor to start pogo-ws again`);
        pool.stop(0);
      } else requests.handle(worker, message);
    },
    exited: (worker, announcer) => {
      if (meshDirectory) removeSocketFile(meshAddress(meshDirectory, workerNodeId(worker.id)));
      requests.left(worker, announcer, options.ipc);
    }
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      log2.info(`${signal}: stopping ${pool.size} workers`);
      pool.stop(0);
    });
  }
  process.on("SIGHUP", () => {
    log2.info(`SIGHUP: passed on to ${pool.size} workers`);
    pool.signal("SIGHUP");
  });
  const expiry = setInterval(() => store.expire(), 1e4);
  expiry.unref();
  return pool.start().then((code) => {
    if (meshDirectory) (0, import_node_fs2.rmSync)(meshDirectory, { recursive: true, force: true });
    return code;
  });
}

// src/config/server-config.ts
var import_node_fs3 = require("fs");

// src/apps/reverb-env.ts
var IGNORED = {
  REVERB_SERVER_PATH: "the server answers on /app and /apps",
  REVERB_APP_PING_INTERVAL: "pings follow activityTimeoutSeconds",
  REVERB_SCALING_CHANNEL: "Redis keys use the Pogo prefix",
  REVERB_MAX_REQUEST_SIZE: "set limits.maxHttpBodyBytes in a --config file, or use php artisan pogo:ws-start",
  REVERB_APP_MAX_MESSAGE_SIZE: "set limits.maxFrameBytes in a --config file, or use php artisan pogo:ws-start",
  REVERB_APP_ACTIVITY_TIMEOUT: "set limits.activityTimeoutSeconds in a --config file, or use php artisan pogo:ws-start",
  REVERB_APP_MAX_CONNECTIONS: "set limits.maxConnections in a --config file, or use php artisan pogo:ws-start"
};
function truthy(value) {
  return value !== void 0 && ["1", "true", "on", "yes"].includes(value.trim().toLowerCase());
}
function laravelRedisUrl(env) {
  if (env.REDIS_URL) return env.REDIS_URL;
  const password = env.REDIS_PASSWORD && env.REDIS_PASSWORD !== "null" ? env.REDIS_PASSWORD : "";
  const user = env.REDIS_USERNAME && env.REDIS_USERNAME !== "null" ? env.REDIS_USERNAME : "";
  const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}@` : "";
  return `redis://${auth}${env.REDIS_HOST || "127.0.0.1"}:${env.REDIS_PORT || "6379"}/${env.REDIS_DB || "0"}`;
}
function withReverbEnv(env, warn) {
  if (env.WS_APP_ID || !env.REVERB_APP_ID) return env;
  const filled = { ...env };
  const taken = [];
  if (!env.WS_SERVER_HOST && env.REVERB_SERVER_HOST) {
    filled.WS_SERVER_HOST = env.REVERB_SERVER_HOST;
    taken.push("REVERB_SERVER_HOST");
  }
  const port = env.REVERB_SERVER_PORT || env.REVERB_PORT;
  if (!env.WS_SERVER_PORT && !env.WS_PORT && port) {
    filled.WS_SERVER_PORT = port;
    taken.push(env.REVERB_SERVER_PORT ? "REVERB_SERVER_PORT" : "REVERB_PORT");
  }
  if (!env.WS_REDIS_URL && truthy(env.REVERB_SCALING_ENABLED)) {
    filled.WS_REDIS_URL = laravelRedisUrl(env);
    taken.push("REVERB_SCALING_ENABLED");
  }
  if (taken.length > 0) warn?.(`Serving the Reverb app ${env.REVERB_APP_ID} from REVERB_* variables: ${taken.join(", ")} taken over.`);
  const ignored = Object.keys(IGNORED).filter((name) => env[name]);
  if (ignored.length > 0) warn?.(`Reverb settings ignored: ${ignored.map((name) => `${name} (${IGNORED[name]})`).join("; ")}.`);
  return filled;
}

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
    },
    SERVER_AUTH_UNAVAILABLE: {
      code: 4311,
      message: "The app's authorization endpoint is unavailable"
    },
    SUBSCRIBE_RATE_LIMIT: {
      code: 4312,
      message: "Subscribing faster than this connection is allowed"
    },
    WATCHLIST_TOO_LARGE: {
      code: 4313,
      message: "The signed watchlist has more user ids than allowed (maxWatchlistSize)"
    },
    WATCHLIST_FULL: {
      code: 4314,
      message: "Too many watchlists on this server for the app (maxWatchlistConnections): signed in without the watchlist"
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
    },
    INVALID_PATH: {
      status: 25,
      http: 400,
      message: "The request path is not valid percent-encoding"
    },
    INTERNAL: {
      status: 26,
      http: 500,
      message: "Internal server error"
    },
    SHUTTING_DOWN: {
      status: 27,
      http: 503,
      message: "The server is stopping (a restart or a stop); send again once it is back"
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
    httpRequestBurst: 100,
    serverAuthTimeoutMs: 3e3,
    serverAuthConcurrency: 32,
    serverAuthPerConnection: 2,
    subscribesPerSecond: 50,
    subscribeBurst: 500,
    serverAuthMaxResponseBytes: 16384,
    serverAuthBreakerFailures: 5,
    serverAuthBreakerOpenSeconds: 10,
    recoveryWindowSeconds: 120,
    recoveryMaxBytes: 8388608,
    presenceLeaveGraceMs: 0,
    maxWatchlistSize: 100,
    maxWatchlistConnections: 1e4
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
      "pusher_internal:member_removed",
      "pusher_internal:watchlist_events",
      "pogo:discontinuity"
    ],
    clientEventPrefix: "client-"
  },
  recovery: {
    description: "Connection recovery, a Pogo extension plain Pusher clients ignore: every event carries a serial (in serialField, kept short: every frame carries it); pusher:subscribe may carry resume_from (and previous_socket_id, so events that excluded the old socket stay excluded).",
    serialField: "id",
    resumeField: "resume_from",
    previousSocketField: "previous_socket_id",
    discontinuityEvent: "pogo:discontinuity",
    reasons: {
      WINDOW_EXPIRED: "Events after this serial are older than the recovery window",
      HISTORY_TRIMMED: "Events after this serial were dropped to keep history within its byte budget",
      UNKNOWN_SERIAL: "This serial was not issued by this server or cluster (restarted, or invalid)",
      RECOVERY_DISABLED: "Recovery is off for this channel",
      HISTORY_UNAVAILABLE: "This node holds no history that far back (it joined the cluster, or lost the broker, after this serial)",
      REPLAY_TOO_LARGE: "What was missed is more than this connection may have queued (maxOutboundBufferBytes): fetch the state afresh"
    }
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
          description: "User ids to be told about (online/offline); at most limits.maxWatchlistSize. Integer ids are taken as their decimal strings.",
          type: "array",
          items: {
            type: [
              "string",
              "integer"
            ]
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
            },
            resume_from: {
              type: "string",
              minLength: 1,
              description: "the serial of the last event the client saw on this channel"
            },
            previous_socket_id: {
              $ref: "#/$defs/socketId"
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
        },
        {
          $ref: "#/$defs/server.discontinuity"
        },
        {
          $ref: "#/$defs/server.watchlistEvents"
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
        id: {
          description: "The event's recovery serial (recovery.serialField)",
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
    },
    "server.discontinuity": {
      type: "object",
      required: [
        "event",
        "channel",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pogo:discontinuity"
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
              "reason",
              "message",
              "resume_from"
            ],
            additionalProperties: false,
            properties: {
              reason: {
                type: "string",
                description: "a key of recovery.reasons"
              },
              message: {
                type: "string"
              },
              resume_from: {
                type: "string"
              }
            }
          }
        }
      }
    },
    "server.watchlistEvents": {
      description: "To a signed-in connection whose user_data carried a watchlist: watched users who came online (their first connection anywhere) or went offline (their last one, after presenceLeaveGraceMs). Right after pusher:signin, one online event lists the watched users online then (none online: no message).",
      type: "object",
      required: [
        "event",
        "data"
      ],
      additionalProperties: false,
      properties: {
        event: {
          const: "pusher_internal:watchlist_events"
        },
        data: {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: {
            type: "object",
            required: [
              "events"
            ],
            properties: {
              events: {
                type: "array",
                items: {
                  type: "object",
                  required: [
                    "name",
                    "user_ids"
                  ],
                  properties: {
                    name: {
                      enum: [
                        "online",
                        "offline"
                      ]
                    },
                    user_ids: {
                      type: "array",
                      items: {
                        type: "string"
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
};

// src/schema.ts
var schema = pogo_websocket_schema_default;
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

// src/config/values.ts
var ConfigError = class extends Error {
  constructor(key, problem) {
    super(`Invalid configuration: ${key} ${problem}`);
    this.name = "ConfigError";
  }
};
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
function httpUrl(value, key) {
  const url = str(value, key);
  if (!/^https?:\/\/[^/]/.test(url)) throw new ConfigError(key, "must be an http(s) URL");
  return url;
}

// src/config/apps.ts
var webhookEventNames = [
  "channel_occupied",
  "channel_vacated",
  "member_added",
  "member_removed",
  "client_event",
  "cache_miss",
  "subscription_count"
];
var developmentApp = { id: "app-id", key: "app-key", secret: "app-secret" };
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
function recovery(value, key) {
  if (value === void 0 || typeof value === "boolean" || value === "true" || value === "false") {
    return { enabled: bool(value, key, true), disabledPrefixes: [] };
  }
  if (!isObject(value)) throw new ConfigError(key, "must be true, false or {enabled, disabledPrefixes}");
  return { enabled: bool(value.enabled, `${key}.enabled`, true), disabledPrefixes: stringList(value.disabledPrefixes, `${key}.disabledPrefixes`) };
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
  const app = {
    id,
    key: str(raw.key, `${key}.key`, id),
    secret: str(raw.secret, `${key}.secret`),
    enabled: bool(raw.enabled, `${key}.enabled`, true),
    clientEvents: bool(raw.clientEvents, `${key}.clientEvents`, true),
    subscriptionCount: bool(raw.subscriptionCount, `${key}.subscriptionCount`, false),
    allowedOrigins: stringList(raw.allowedOrigins, `${key}.allowedOrigins`),
    webhooks: webhooks(raw.webhooks, `${key}.webhooks`),
    authEndpoint: raw.authEndpoint === void 0 || raw.authEndpoint === "" ? void 0 : httpUrl(raw.authEndpoint, `${key}.authEndpoint`),
    limits: limits(raw.limits, `${key}.limits`),
    recovery: recovery(raw.recovery, `${key}.recovery`)
  };
  if (app.authEndpoint !== void 0 && app.allowedOrigins.includes("*")) {
    throw new ConfigError(
      `${key}.allowedOrigins`,
      `must not be "*" when authEndpoint is set (the server forwards the browser's cookies to it): list the app's own origins, e.g. ["https://example.com"]`
    );
  }
  return app;
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
      authEndpoint: env.WS_AUTH_ENDPOINT,
      recovery: env.WS_RECOVERY,
      webhooks: env.WS_WEBHOOK_URL ? [{ url: env.WS_WEBHOOK_URL, events: env.WS_WEBHOOK_EVENTS }] : void 0
    },
    `${source}_ID`
  );
}

// src/config/server-config.ts
function redisConfig(raw, env) {
  const url = raw.url ?? env.WS_REDIS_URL;
  const cluster10 = raw.cluster === void 0 ? void 0 : stringList(raw.cluster, "redis.cluster");
  if (cluster10 !== void 0) {
    if (cluster10.length === 0) throw new ConfigError("redis.cluster", 'must list at least one "host:port"');
    for (const [i, node] of cluster10.entries()) {
      if (!/^[^:\s]+:\d+$/.test(node)) throw new ConfigError(`redis.cluster[${i}]`, 'must be "host:port"');
    }
  } else if (url === void 0) {
    throw new ConfigError("redis.url", "must be set (or WS_REDIS_URL, or redis.cluster)");
  }
  if (url !== void 0 && !/^rediss?:\/\//.test(str(url, "redis.url"))) throw new ConfigError("redis.url", "must start with redis:// or rediss://");
  let tls;
  if (isObject(raw.tls)) {
    const { ca, rejectUnauthorized, servername } = raw.tls;
    tls = {
      ...ca !== void 0 ? { ca: str(ca, "redis.tls.ca") } : {},
      ...rejectUnauthorized !== void 0 ? { rejectUnauthorized: bool(rejectUnauthorized, "redis.tls.rejectUnauthorized", true) } : {},
      ...servername !== void 0 ? { servername: str(servername, "redis.tls.servername") } : {}
    };
  } else {
    tls = bool(raw.tls, "redis.tls", false) || void 0;
  }
  return {
    ...url !== void 0 ? { url: str(url, "redis.url") } : {},
    ...cluster10 !== void 0 ? { cluster: cluster10 } : {},
    ...tls !== void 0 ? { tls } : {},
    ...raw.username !== void 0 ? { username: str(raw.username, "redis.username") } : {},
    ...(raw.password ?? env.WS_REDIS_PASSWORD) !== void 0 ? { password: str(raw.password ?? env.WS_REDIS_PASSWORD, "redis.password") } : {},
    prefix: str(raw.prefix, "redis.prefix", "pogo:"),
    commandTimeoutMs: int(raw.commandTimeoutMs, "redis.commandTimeoutMs", 1e3, 1),
    nodeTimeoutSeconds: int(raw.nodeTimeoutSeconds, "redis.nodeTimeoutSeconds", 10, 1),
    requestTimeoutMs: int(raw.requestTimeoutMs, "redis.requestTimeoutMs", 1e3, 1),
    history: bool(raw.history ?? env.WS_REDIS_HISTORY, "redis.history", false)
  };
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
function dashboardConfig(raw, env) {
  if (raw !== void 0 && !isObject(raw)) throw new ConfigError("dashboard", "must be an object");
  const o = raw ?? {};
  const known = ["enabled", "path", "port", "host", "token", "basicAuth"];
  const stray = Object.keys(o).find((k) => !known.includes(k));
  if (stray !== void 0) throw new ConfigError(`dashboard.${stray}`, `is not a known option (known: ${known.join(", ")})`);
  const token = o.token ?? (env.WS_DASHBOARD_TOKEN || void 0);
  const basicRaw = o.basicAuth ?? (env.WS_DASHBOARD_USER ? { user: env.WS_DASHBOARD_USER, password: env.WS_DASHBOARD_PASSWORD } : void 0);
  if (basicRaw !== void 0 && !isObject(basicRaw)) throw new ConfigError("dashboard.basicAuth", "must be an object {user, password}");
  const basicAuth = basicRaw && { user: str(basicRaw.user, "dashboard.basicAuth.user"), password: str(basicRaw.password, "dashboard.basicAuth.password") };
  if (basicAuth?.user.includes(":")) throw new ConfigError("dashboard.basicAuth.user", 'must not contain ":"');
  const port = o.port ?? env.WS_DASHBOARD_PORT;
  const enabled = bool(o.enabled ?? env.WS_DASHBOARD_ENABLED, "dashboard.enabled", raw !== void 0 || token !== void 0 || basicAuth !== void 0);
  const path = str(o.path ?? (env.WS_DASHBOARD_PATH || void 0), "dashboard.path", "/dashboard").replace(/\/+$/, "");
  if (!/^\/[A-Za-z0-9._~\-/]+$/.test(path)) throw new ConfigError("dashboard.path", 'must be a URL path like "/dashboard"');
  if (/^\/(apps|app|up|ready|metrics)(\/|$)/.test(path)) throw new ConfigError("dashboard.path", "must not overlap the server's own routes (/app, /apps, /up, /ready, /metrics)");
  const result = {
    enabled,
    path,
    ...port !== void 0 && port !== "" ? { port: int(port, "dashboard.port", 0) } : {},
    ...o.host !== void 0 || env.WS_DASHBOARD_HOST ? { host: str(o.host ?? env.WS_DASHBOARD_HOST, "dashboard.host") } : {},
    ...token !== void 0 ? { token: str(token, "dashboard.token") } : {},
    ...basicAuth ? { basicAuth } : {}
  };
  if (enabled && result.token === void 0 && basicAuth === void 0) {
    throw new ConfigError("dashboard", "needs a token or basicAuth (or WS_DASHBOARD_TOKEN): it is never served without credentials");
  }
  if (result.token !== void 0 && result.token.length < 16) throw new ConfigError("dashboard.token", "must be at least 16 characters");
  return result;
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
function tlsConfig(raw, env) {
  if (raw !== void 0 && !isObject(raw)) throw new ConfigError("tls", "must be an object {cert, key, ca?, passphrase?}");
  const o = raw ?? {};
  const known = ["cert", "key", "ca", "passphrase"];
  const stray = Object.keys(o).find((k) => !known.includes(k));
  if (stray !== void 0) throw new ConfigError(`tls.${stray}`, `is not a known option (known: ${known.join(", ")})`);
  const cert = o.cert ?? (env.WS_TLS_CERT || void 0);
  const key = o.key ?? (env.WS_TLS_KEY || void 0);
  const ca = o.ca ?? (env.WS_TLS_CA || void 0);
  const passphrase = o.passphrase ?? (env.WS_TLS_PASSPHRASE || void 0);
  if (cert === void 0 && key === void 0) {
    if (ca !== void 0 || passphrase !== void 0) throw new ConfigError("tls.cert", "must be set (or WS_TLS_CERT) when tls.ca or tls.passphrase is");
    return void 0;
  }
  if (cert === void 0) throw new ConfigError("tls.cert", "must be set (or WS_TLS_CERT) with tls.key");
  if (key === void 0) throw new ConfigError("tls.key", "must be set (or WS_TLS_KEY) with tls.cert");
  return {
    cert: str(cert, "tls.cert"),
    key: str(key, "tls.key"),
    ...ca !== void 0 ? { ca: str(ca, "tls.ca") } : {},
    ...passphrase !== void 0 ? { passphrase: str(passphrase, "tls.passphrase") } : {}
  };
}
function loadConfig(options) {
  const env = withReverbEnv(options.env, options.warn);
  let file = {};
  if (options.file) {
    let text;
    try {
      text = (0, import_node_fs3.readFileSync)(options.file, "utf8");
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
    redis = redisConfig(redisRaw, env);
  }
  const metricsRaw = isObject(file.metrics) ? file.metrics : {};
  const tls = tlsConfig(file.tls, env);
  return {
    host: str(options.host ?? file.host ?? env.WS_SERVER_HOST, "host", "0.0.0.0"),
    port: int(options.port ?? file.port ?? env.WS_SERVER_PORT ?? env.WS_PORT, "port", 6001),
    apps,
    redis,
    metrics: metricsConfig(metricsRaw, env),
    webhooks: webhookDelivery(file.webhooks),
    shutdownTimeoutSeconds: int(file.shutdownTimeoutSeconds, "shutdownTimeoutSeconds", 10),
    trustedProxies: stringList(file.trustedProxies ?? env.WS_TRUSTED_PROXIES, "trustedProxies"),
    dashboard: dashboardConfig(file.dashboard, env),
    ...tls ? { tls } : {}
  };
}

// src/server.ts
var import_node_cluster8 = __toESM(require("cluster"), 1);
var import_node_http7 = require("http");
var import_node_https2 = require("https");

// src/adapter/select.ts
var import_node_cluster6 = __toESM(require("cluster"), 1);

// src/brokers/ipc-broker.ts
var import_node_cluster5 = __toESM(require("cluster"), 1);

// src/brokers/broker.ts
var nodeIdLength = 16;
var BrokerError = class extends Error {
  constructor(action, cause) {
    super(`the message broker did not answer (${action}): ${cause?.message ?? String(cause)}`);
    this.name = "BrokerError";
  }
};

// src/brokers/ipc-broker.ts
var callTimeoutMs = 2e3;
var IpcBroker = class {
  constructor(log2) {
    this.log = log2;
  }
  nodeId = workerNodeId(import_node_cluster5.default.worker?.id ?? 0);
  via = "workers";
  store = this;
  events;
  mesh;
  onMessage = (message) => {
    if (isPogoMessage(message) && message.pogo === "reaped") this.events.reaped(message.changes);
  };
  /** Listens on the mesh, then connects to every worker already on it, before this one takes clients. */
  async start(events2) {
    this.events = events2;
    process.on("message", this.onMessage);
    const directory = process.env[meshDirectoryVariable];
    if (!directory) throw new Error(`${meshDirectoryVariable} is not set: workers are started by the primary process`);
    checkMeshDirectory(directory);
    const mesh = new WorkerMesh(this.nodeId, meshAddress(directory, this.nodeId), {
      message: (payload) => events2.message(payload),
      dropped: (payloads) => events2.undelivered(payloads),
      warn: (message) => this.log.warn(message)
    });
    await mesh.listen();
    this.mesh = mesh;
    const earlier = await this.ask("join", mesh.address);
    await Promise.all(earlier.map((address) => mesh.join(address)));
  }
  send(payload, _shardKey, cache) {
    try {
      if (cache) primaryLink.post({ pogo: "cache", cache });
      if (!this.mesh) throw new Error("the worker mesh is not started");
      this.mesh.send(payload);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(new BrokerError("publish", error));
    }
  }
  /** A primary that is gone or silent is a broker failure (503); an error it answers with is not. */
  ask(op, ...args) {
    return primaryLink.call(op, args, callTimeoutMs).catch((error) => {
      throw error instanceof PrimaryUnreachable ? new BrokerError(op, error) : error;
    });
  }
  ready() {
    return process.connected;
  }
  peers() {
    return Promise.resolve(this.mesh?.size ?? 0);
  }
  enter(node, appId, channel2, occupied, member, wantMembers) {
    return this.ask("enter", node, appId, channel2, occupied, member, wantMembers);
  }
  exit(node, appId, channel2, vacated, userId) {
    return this.ask("exit", node, appId, channel2, vacated, userId);
  }
  members(appId, channel2) {
    return this.ask("members", appId, channel2);
  }
  userCount(appId, channel2) {
    return this.ask("userCount", appId, channel2);
  }
  userCounts(appId, channels2) {
    return this.ask("userCounts", appId, channels2);
  }
  cached(appId, channel2) {
    return this.ask("cached", appId, channel2);
  }
  setCount(node, appId, channel2, count) {
    return this.ask("setCount", node, appId, channel2, count);
  }
  entries(node) {
    return this.ask("entries", node);
  }
  async close() {
    await this.mesh?.close();
    process.off("message", this.onMessage);
    primaryLink.close();
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

// src/recovery/history.ts
var ChannelHistory = class {
  constructor(name) {
    this.name = name;
  }
  seqs = [];
  messages = [];
  excepts = [];
  head = 0;
  /** The highest seq dropped from this channel, and why. */
  trimmedUpTo = 0;
  trimmedBecause = "WINDOW_EXPIRED";
  get live() {
    return this.seqs.length - this.head;
  }
  /** Forgets trimmed slots now and then, so the arrays do not grow with everything ever published. */
  compact() {
    if (this.head > 64 && this.head * 2 > this.seqs.length) {
      this.seqs.splice(0, this.head);
      this.messages.splice(0, this.head);
      this.excepts.splice(0, this.head);
      this.head = 0;
    }
  }
};
var entryOverheadBytes = 200;
var serialBase = Date.UTC(2026, 0, 1) * 1e3;
var serialDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function encodeSerial(value) {
  let out = "";
  do {
    out = serialDigits[value % 62] + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out;
}
function decodeSerial(serial) {
  if (!/^[0-9A-Za-z]{1,9}$/.test(serial)) return NaN;
  let value = 0;
  for (let i = 0; i < serial.length; i++) value = value * 62 + serialDigits.indexOf(serial[i]);
  return value;
}
var AppHistory = class {
  constructor(windowMs, maxBytes, shared = false, entryOverhead = 0) {
    this.windowMs = windowMs;
    this.maxBytes = maxBytes;
    this.shared = shared;
    this.entryOverhead = entryOverhead;
    this.coveredFrom = Date.now() * 1e3;
  }
  channels = /* @__PURE__ */ new Map();
  /** Every live entry in arrival order (its channel, time and size), for trimming the oldest first. */
  orderChannels = [];
  orderTimes = [];
  orderBytes = [];
  orderHead = 0;
  seq = 0;
  totalBytes = 0;
  /** The highest seq of any channel whose whole history was dropped, and why. */
  droppedUpTo = 0;
  droppedBecause = "WINDOW_EXPIRED";
  /** Serials below this may name events this node never saw (it started, or lost the bus, later). */
  coveredFrom;
  /** Another source (the broker's stored history, already recorded here) vouches for every event since `seq`. */
  vouchFrom(seq) {
    this.coveredFrom = Math.min(this.coveredFrom, seq);
  }
  /** Every live entry, channel by channel (for rebuilding a history around a stored one). */
  *entries() {
    for (const channel2 of this.channels.values()) {
      for (let i = channel2.head; i < channel2.seqs.length; i++) {
        yield { channel: channel2.name, seq: channel2.seqs[i], message: channel2.messages[i], exceptSocketId: channel2.excepts[i] };
      }
    }
  }
  /** The bus lost messages (an outage): nothing before now can be vouched for. */
  gap() {
    this.coveredFrom = Math.max(this.seq + 1, Date.now() * 1e3);
  }
  get bytes() {
    return this.totalBytes;
  }
  /** The next serial; the caller builds the message with it and then records it. */
  nextSerial() {
    this.seq = Math.max(Date.now() * 1e3, this.seq + 1);
    return { seq: this.seq, serial: encodeSerial(this.seq - serialBase) };
  }
  record(name, seq, message, exceptSocketId, at = Date.now()) {
    let channel2 = this.channels.get(name);
    if (!channel2) {
      channel2 = new ChannelHistory(name);
      this.channels.set(name, channel2);
    }
    channel2.seqs.push(seq);
    channel2.messages.push(message);
    channel2.excepts.push(exceptSocketId);
    if (seq > this.seq) this.seq = seq;
    this.orderChannels.push(channel2);
    this.orderTimes.push(at);
    const size = Buffer.byteLength(message) + this.entryOverhead;
    this.orderBytes.push(size);
    this.totalBytes += size;
    while (this.totalBytes > this.maxBytes && this.orderHead < this.orderChannels.length) this.dropOldest("HISTORY_TRIMMED");
  }
  /** Events of `name` after `serial`, or why they cannot all be given. */
  since(name, serial) {
    const seq = decodeSerial(serial) + serialBase;
    if (!Number.isSafeInteger(seq) || seq > this.seq) {
      return { ok: false, reason: "UNKNOWN_SERIAL" };
    }
    if (seq < this.coveredFrom) return { ok: false, reason: this.shared ? "HISTORY_UNAVAILABLE" : "UNKNOWN_SERIAL" };
    const channel2 = this.channels.get(name);
    if (!channel2) return seq >= this.droppedUpTo ? { ok: true, entries: [] } : { ok: false, reason: this.droppedBecause };
    if (seq < channel2.trimmedUpTo) return { ok: false, reason: channel2.trimmedBecause };
    const { seqs } = channel2;
    let from = seqs.length;
    while (from > channel2.head && seqs[from - 1] !== seq) from--;
    if (from === channel2.head) while (from < seqs.length && seqs[from] <= seq) from++;
    const entries = [];
    for (let i = from; i < seqs.length; i++) entries.push({ seq: seqs[i], message: channel2.messages[i], exceptSocketId: channel2.excepts[i] });
    return { ok: true, entries };
  }
  /** Drops what the window no longer covers. Called from the server's once-a-second sweep. */
  expire(now) {
    while (this.orderHead < this.orderChannels.length && now - this.orderTimes[this.orderHead] >= this.windowMs) {
      this.dropOldest("WINDOW_EXPIRED");
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.orderChannels.length) {
      this.orderChannels = this.orderChannels.slice(this.orderHead);
      this.orderTimes = this.orderTimes.slice(this.orderHead);
      this.orderBytes = this.orderBytes.slice(this.orderHead);
      this.orderHead = 0;
    }
  }
  dropOldest(reason) {
    const i = this.orderHead++;
    const channel2 = this.orderChannels[i];
    this.totalBytes -= this.orderBytes[i];
    const seq = channel2.seqs[channel2.head];
    channel2.messages[channel2.head] = "";
    channel2.excepts[channel2.head] = void 0;
    channel2.head++;
    channel2.trimmedUpTo = seq;
    channel2.trimmedBecause = reason;
    if (channel2.live === 0) {
      this.channels.delete(channel2.name);
      this.droppedUpTo = Math.max(this.droppedUpTo, seq);
      this.droppedBecause = reason;
    } else {
      channel2.compact();
    }
  }
};

// src/brokers/wire-format.ts
var wireVersion = 2;
var wirePrefix = `~${wireVersion.toString(36).padStart(2, "0")}`;
var frameTypeAt = wirePrefix.length;
var frameBodyAt = frameTypeAt + 1 + nodeIdLength + 1;
var TILDE = 126;
function foreignOrigin(payload) {
  if (payload.charCodeAt(0) !== TILDE) return { node: printableNodeId(payload.slice(1, 1 + nodeIdLength)), version: 1 };
  const version2 = Number.parseInt(payload.slice(1, frameTypeAt), 36);
  return { node: printableNodeId(payload.slice(frameTypeAt + 1, frameTypeAt + 1 + nodeIdLength)), version: Number.isNaN(version2) ? 0 : version2 };
}
function printableNodeId(id) {
  return id.replace(/[^0-9A-Za-z-]/g, "?");
}

// src/brokers/foreign-nodes.ts
var forgetAfterMs = 5 * 6e4;
var maxTracked = 1e3;
function describe(version2) {
  return version2 === 1 ? "format 1 (a release that sends no format version)" : `format ${version2}`;
}
var ForeignNodes = class {
  constructor(warn, counted) {
    this.warn = warn;
    this.counted = counted;
  }
  seen = /* @__PURE__ */ new Map();
  /** True for a bus frame of another format: it is to be dropped unread; counted, and its node warned about once. */
  dropped(payload) {
    if (payload.startsWith(wirePrefix)) return false;
    const origin = foreignOrigin(payload);
    const entry = this.note(origin);
    if (entry) entry.droppedMessages++;
    this.counted(origin);
    return true;
  }
  /** Alive nodes the broker's registry holds with another format (or none), read at a heartbeat. */
  registered(origins) {
    for (const origin of origins) this.note(origin);
  }
  /** Foreign nodes seen lately, for /up. */
  list() {
    this.forget(Date.now());
    return [...this.seen.values()].map(({ node, version: version2, droppedMessages }) => ({ node, version: version2, droppedMessages }));
  }
  note(origin) {
    const now = Date.now();
    const known = this.seen.get(origin.node);
    if (known && known.version === origin.version) {
      known.lastSeen = now;
      return known;
    }
    this.forget(now);
    if (this.seen.size >= maxTracked) return void 0;
    const entry = { ...origin, droppedMessages: 0, lastSeen: now };
    this.seen.set(origin.node, entry);
    this.warn(
      `cluster: node ${origin.node} runs another release (bus ${describe(origin.version)}, this node ${describe(wireVersion)}); its messages are dropped, not read, so deliveries and presence between them are incomplete. Fix: deploy one release to every node, then \`php artisan pogo:ws-restart\` restarts them all together (a node still running another release does not hear that request: restart it through its supervisor).`
    );
    return entry;
  }
  forget(now) {
    for (const [node, entry] of this.seen) if (now - entry.lastSeen > forgetAfterMs) this.seen.delete(node);
  }
};

// src/watchlist/keys.ts
var onlinePrefix = "#online-";
var watchersPrefix = "#watchers-";
function onlineKey(userId) {
  return onlinePrefix + userId;
}
function isOnlineKey(name) {
  return name.startsWith(onlinePrefix);
}
function watchersKey(userId) {
  return watchersPrefix + encodeURIComponent(userId);
}
function watchedUserOf(name) {
  if (!name.startsWith(watchersPrefix)) return void 0;
  try {
    return decodeURIComponent(name.slice(watchersPrefix.length));
  } catch {
    return void 0;
  }
}

// src/adapter/cluster.ts
var PUBLISH = 112;
var NOTE = 110;
var kindLetters = { event: "e", member: "m", count: "c" };
var kindsByLetter = { e: "event", m: "member", c: "count" };
var maxUnsentPresence = 1e4;
var ClusterAdapter = class {
  constructor(hub, broker, options) {
    this.hub = hub;
    this.broker = broker;
    this.options = options;
    hub.shareHistory();
    this.foreign = new ForeignNodes((message) => options.log.warn(message), (origin) => hub.events.emit("foreignBusFrame", origin.node, origin.version));
    this.notes = {
      nodeId: broker.nodeId,
      via: broker.via,
      send: (note) => void broker.send(`${wirePrefix}n${broker.nodeId}
${note}`, "").catch(() => void 0),
      listen: (receive) => {
        this.receiveNote = receive;
      }
    };
  }
  membership = this;
  shared = true;
  pending = /* @__PURE__ */ new Map();
  /** Bus frames of member_added/member_removed that the broker refused (it was away). */
  unsentPresence = [];
  nextQueryId = 1;
  receiveNote = () => void 0;
  notes;
  /** Nodes of another release seen on the broker lately (their frames are dropped): `foreign.list()` for /up. */
  foreign;
  async start() {
    await this.broker.start({
      message: (payload) => this.receive(payload),
      reaped: (changes) => this.announceReaped(changes),
      resumed: (dataLost) => {
        this.hub.historyGap();
        void this.reregister(dataLost);
      },
      undelivered: (payloads) => {
        for (const payload of payloads) if (payload.charCodeAt(frameTypeAt) === PUBLISH) this.hub.events.emit("brokerDropped", payload.slice(frameBodyAt, payload.indexOf("\n", frameBodyAt)), 1);
      },
      foreignNodes: (origins) => this.foreign.registered(origins)
    });
    await this.loadHistory();
  }
  /**
   * `redis.history`: before taking clients, this node takes the history the broker kept (the bus
   * already delivers, so nothing falls between the two), and a client resuming here after a
   * restart gets what it missed. Without it, the node's history starts empty, as always.
   */
  async loadHistory() {
    const { broker } = this;
    if (!broker.history) return;
    for (const app of this.hub.apps) {
      if (!app.recovery.enabled) continue;
      try {
        const maxEntries = Math.max(1, Math.ceil(app.limits.recoveryMaxBytes / entryOverheadBytes));
        const stored = await broker.history(app.id, app.limits.recoveryWindowSeconds * 1e3, maxEntries);
        if (stored) this.hub.seedHistory(app.id, stored.since, stored.entries);
        if (stored) this.options.log.info(`recovery: ${stored.entries.length} event(s) of app ${app.id} taken from the broker's history`);
      } catch (error) {
        this.options.log.warn(`recovery: the broker's history of app ${app.id} could not be read (${error.message}); this node's starts empty`);
      }
    }
  }
  publish(appId, channel2, message, exceptSocketId, seq) {
    this.hub.deliver(appId, channel2, message, exceptSocketId, seq);
    const payload = `${wirePrefix}p${this.broker.nodeId}
${appId}
${channel2}
${exceptSocketId ?? ""}
${seq ?? ""}
${kindLetters[message.kind]}${message.json}`;
    let sent;
    if (message.kind === "event" && channelType(channel2).cache) {
      const ttlMs = (this.hub.appById(appId)?.limits.cacheTtlSeconds ?? 0) * 1e3;
      sent = this.broker.send(payload, channel2, { appId, channel: channel2, message: message.json, ttlMs });
    } else {
      sent = this.broker.send(payload, channel2);
    }
    if (seq !== void 0 && this.broker.remember) {
      const windowMs = (this.hub.appById(appId)?.limits.recoveryWindowSeconds ?? 0) * 1e3;
      const kept = this.broker.remember({ appId, channel: channel2, seq, message: message.json, exceptSocketId, windowMs });
      sent = Promise.all([sent, kept]).then(() => void 0);
    }
    sent.catch(() => {
      this.hub.events.emit("brokerDropped", appId, 1);
      if (message.kind === "member" && this.unsentPresence.length < maxUnsentPresence) this.unsentPresence.push([payload, channel2]);
    });
    return sent;
  }
  receive(payload) {
    if (this.foreign.dropped(payload)) return;
    const type = payload.charCodeAt(frameTypeAt);
    if (type === PUBLISH) {
      const appEnd = payload.indexOf("\n", frameBodyAt);
      const channelEnd = payload.indexOf("\n", appEnd + 1);
      const exceptEnd = payload.indexOf("\n", channelEnd + 1);
      const seqEnd = payload.indexOf("\n", exceptEnd + 1);
      if (exceptEnd < 0 || seqEnd < 0) return;
      const except = exceptEnd > channelEnd + 1 ? payload.slice(channelEnd + 1, exceptEnd) : void 0;
      const seq = seqEnd > exceptEnd + 1 ? Number(payload.slice(exceptEnd + 1, seqEnd)) : void 0;
      const kind = kindsByLetter[payload.charAt(seqEnd + 1)];
      if (!kind) return;
      this.hub.deliver(payload.slice(frameBodyAt, appEnd), payload.slice(appEnd + 1, channelEnd), { kind, json: payload.slice(seqEnd + 2) }, except, seq);
      return;
    }
    if (type === NOTE) {
      this.receiveNote(payload.slice(frameBodyAt));
      return;
    }
    let control;
    try {
      control = JSON.parse(payload.slice(frameBodyAt));
    } catch {
      return;
    }
    if (control.t === "terminate") this.hub.terminateLocalUser(control.app, control.user);
    else if (control.t === "restart") this.hub.events.emit("restartRequested", control.app, control.reason);
    else if (control.t === "ask") this.answer(payload.slice(frameTypeAt + 1, frameTypeAt + 1 + nodeIdLength), control.id, control.query);
    else if (control.t === "answer" && control.to === this.broker.nodeId) {
      const query = this.pending.get(control.id);
      if (!query) return;
      query.answers.push(control.body);
      if (query.answers.length >= query.need) query.done(query.answers);
    }
  }
  control(message) {
    return this.broker.send(`${wirePrefix}c${this.broker.nodeId}
${JSON.stringify(message)}`, "");
  }
  localAnswer(query) {
    return query.q === "channels" ? this.hub.localChannels(query.app, query.prefix) : this.hub.localChannel(query.app, query.name);
  }
  answer(to, id, query) {
    this.control({ t: "answer", to, id, body: this.localAnswer(query) }).catch(() => void 0);
  }
  /** Every other alive node's answer, or as many as came within the timeout. */
  async ask(query) {
    let peers;
    try {
      peers = await this.broker.peers();
    } catch (error) {
      throw new BrokerError("count nodes", error);
    }
    if (peers === 0) return [];
    const id = this.nextQueryId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.options.log.warn(`cluster query answered by ${pending.answers.length} of ${peers} nodes within ${this.options.requestTimeoutMs} ms`);
        pending.done(pending.answers);
      }, this.options.requestTimeoutMs);
      const pending = {
        need: peers,
        answers: [],
        done: (answers) => {
          clearTimeout(timer);
          this.pending.delete(id);
          resolve(answers);
        }
      };
      this.pending.set(id, pending);
      this.control({ t: "ask", id, query }).catch((error) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof BrokerError ? error : new BrokerError("query", error));
      });
    });
  }
  async storeCall(action, call) {
    try {
      return await call();
    } catch (error) {
      throw new BrokerError(action, error);
    }
  }
  async channels(appId, prefix) {
    const merged = /* @__PURE__ */ new Map();
    const add = (list) => {
      for (const channel2 of list) {
        const seen = merged.get(channel2.name);
        if (seen) seen.subscriptionCount += channel2.subscriptionCount;
        else merged.set(channel2.name, { name: channel2.name, subscriptionCount: channel2.subscriptionCount });
      }
    };
    add(this.hub.localChannels(appId, prefix));
    for (const answer of await this.ask({ q: "channels", app: appId, prefix })) add(answer);
    const presence = [...merged.values()].filter((c) => channelType(c.name).kind === "presence");
    const counts2 = await this.storeCall("count users", () => Promise.all(presence.map((c) => this.broker.store.userCount(appId, c.name))));
    presence.forEach((channel2, i) => {
      channel2.userCount = counts2[i] ?? 0;
    });
    return [...merged.values()];
  }
  async channel(appId, name) {
    let subscriptionCount2 = this.hub.localChannel(appId, name).subscriptionCount;
    for (const answer of await this.ask({ q: "channel", app: appId, name })) subscriptionCount2 += answer.subscriptionCount;
    if (channelType(name).kind !== "presence") return { subscriptionCount: subscriptionCount2 };
    return { subscriptionCount: subscriptionCount2, userCount: await this.storeCall("count users", () => this.broker.store.userCount(appId, name)) };
  }
  async presenceUsers(appId, name) {
    return [...(await this.storeCall("list users", () => this.broker.store.members(appId, name))).keys()];
  }
  async terminateUser(appId, userId) {
    this.hub.terminateLocalUser(appId, userId);
    await this.control({ t: "terminate", app: appId, user: userId });
  }
  /** The other nodes first: if the bus cannot tell them, this node stays up too (the caller gets a 503). */
  async restartAll(appId, reason) {
    await this.control({ t: "restart", app: appId, ...reason !== void 0 ? { reason } : {} });
    this.hub.events.emit("restartRequested", appId, reason);
  }
  // ── membership ────────────────────────────────────────────────────────────────────────
  enter(appId, channel2, occupied, member, wantMembers) {
    return this.broker.store.enter(this.broker.nodeId, appId, channel2, occupied, member, wantMembers);
  }
  exit(appId, channel2, vacated, userId) {
    return this.broker.store.exit(this.broker.nodeId, appId, channel2, vacated, userId);
  }
  cachedMessage(appId, channel2) {
    return this.broker.store.cached(appId, channel2);
  }
  countSubscriptions(appId, channel2, localCount) {
    return this.broker.store.setCount(this.broker.nodeId, appId, channel2, localCount);
  }
  /** A user is online while the store holds them as a member of `#online-{id}` (see watchlist/online-users.ts). */
  async onlineUsers(appId, userIds) {
    const counts2 = await this.broker.store.userCounts(appId, userIds.map(onlineKey));
    return userIds.filter((_, i) => (counts2[i] ?? 0) > 0);
  }
  announceReaped(changes) {
    for (const change of changes) this.hub.clusterLeft(change.appId, change.channel, change.removedUserId, change.vacated);
  }
  /**
   * After an outage: make the store match this node again. What it holds for us but we no
   * longer have is removed (announced if it was the last anywhere); what we have is entered
   * again (announced if the cluster had lost it, unless the broker lost everything, when
   * nothing really changed for clients).
   */
  async reregister(dataLost) {
    const node = this.broker.nodeId;
    const store = this.broker.store;
    try {
      const local = /* @__PURE__ */ new Map();
      for (const app of this.hub.apps) {
        for (const { name } of this.hub.localChannels(app.id, "")) {
          if (name.startsWith("#")) continue;
          local.set(JSON.stringify([app.id, name]), { appId: app.id, channel: name });
          for (const [userId, member] of this.hub.channel(app, name)?.members ?? []) {
            local.set(JSON.stringify([app.id, name, userId]), { appId: app.id, channel: name, userId, info: member.info });
          }
        }
      }
      for (const entry of this.hub.onlineEntries()) local.set(JSON.stringify([entry.appId, entry.channel, entry.userId]), entry);
      const registered = await store.entries(node);
      for (const entry of registered.filter((e) => e.count)) {
        await store.setCount(node, entry.appId, entry.channel, this.hub.localChannel(entry.appId, entry.channel).subscriptionCount);
      }
      const stale = registered.filter((e) => !e.count && !local.has(JSON.stringify(e.userId === void 0 ? [e.appId, e.channel] : [e.appId, e.channel, e.userId])));
      for (const entry of stale) {
        const result = await store.exit(node, entry.appId, entry.channel, entry.userId === void 0, entry.userId);
        if (result.vacated || result.memberRemoved) this.hub.clusterLeft(entry.appId, entry.channel, result.memberRemoved ? entry.userId : void 0, result.vacated);
      }
      for (const entry of local.values()) {
        const member = entry.userId === void 0 ? void 0 : { userId: entry.userId, info: entry.info };
        const result = await store.enter(node, entry.appId, entry.channel, member === void 0, member, false);
        if (!dataLost && (result.occupied || result.memberAdded)) this.hub.clusterEntered(entry.appId, entry.channel, result.memberAdded ? member : void 0, result.occupied);
      }
      const unsent = this.unsentPresence.splice(0);
      if (dataLost) for (const [payload, channel2] of unsent) await this.broker.send(payload, channel2);
      this.options.log.info(`cluster: node re-registered (${local.size} entries, ${stale.length} stale${dataLost ? ", the broker had restarted empty" : ""})`);
    } catch (error) {
      this.options.log.warn(`cluster: re-registering failed: ${error.message}`);
    }
  }
  /** Read by the readiness route: not ready while the broker is unreachable. */
  ready() {
    return this.broker.ready();
  }
  async close() {
    for (const query of this.pending.values()) query.done(query.answers);
    await this.broker.close();
  }
};

// src/adapter/local.ts
var LocalAdapter = class {
  constructor(hub) {
    this.hub = hub;
  }
  membership = this;
  shared = false;
  async start() {
  }
  publish(appId, channel2, message, exceptSocketId, seq) {
    this.hub.deliver(appId, channel2, message, exceptSocketId, seq);
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
  async restartAll(appId, reason) {
    this.hub.events.emit("restartRequested", appId, reason);
  }
  async close() {
  }
  // ── membership: this node's flips are the cluster's ──────────────────────────────────────
  enter(_appId, _channel, occupied, member) {
    return { occupied, memberAdded: member !== void 0 };
  }
  exit(_appId, _channel, vacated, userId) {
    return { vacated, memberRemoved: userId !== void 0 };
  }
  cachedMessage() {
    return void 0;
  }
  countSubscriptions(_appId, _channel, localCount) {
    return localCount;
  }
  onlineUsers(appId, userIds) {
    return this.hub.localOnlineUsers(appId, userIds);
  }
};

// src/brokers/redis-broker.ts
var import_node_crypto = require("crypto");
var import_node_fs4 = require("fs");
var import_ioredis = __toESM(require_built3(), 1);

// src/stores/redis-scripts.ts
var enterScript = `
local occupied = 0
if ARGV[2] == '1' and redis.call('SADD', KEYS[1], ARGV[1]) == 1 and redis.call('SCARD', KEYS[1]) == 1 then
  occupied = 1
end
local added = 0
if ARGV[3] ~= '' and redis.call('HSETNX', KEYS[4], ARGV[1] .. ARGV[3], '1') == 1 then
  if redis.call('HINCRBY', KEYS[3], ARGV[3], 1) == 1 then
    redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
    added = 1
  end
end
if ARGV[5] == '1' then
  return {occupied, added, redis.call('HGETALL', KEYS[2])}
end
return {occupied, added}
`;
var countScript = `
if tonumber(ARGV[2]) > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
local total = 0
for _, n in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(n) end
return total
`;
var exitScript = `
local vacated = 0
if ARGV[2] == '1' and redis.call('SREM', KEYS[1], ARGV[1]) == 1 and redis.call('SCARD', KEYS[1]) == 0 then
  vacated = 1
end
local removed = 0
if ARGV[3] ~= '' and redis.call('HDEL', KEYS[4], ARGV[1] .. ARGV[3]) == 1 then
  if redis.call('HINCRBY', KEYS[3], ARGV[3], -1) <= 0 then
    redis.call('HDEL', KEYS[3], ARGV[3])
    redis.call('HDEL', KEYS[2], ARGV[3])
    removed = 1
  end
end
return {vacated, removed}
`;

// src/stores/redis-history.ts
var rememberScript = `
redis.call('SET', KEYS[2], ARGV[1], 'NX')
return redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], '*', 's', ARGV[1], 'c', ARGV[3], 'm', ARGV[4], 'e', ARGV[5])`;
var RedisHistory = class {
  constructor(commands, prefix) {
    this.prefix = prefix;
    commands.defineCommand("pogoRemember", { numberOfKeys: 2, lua: rememberScript });
    this.commands = commands;
  }
  commands;
  /** The app's stream and its marker share a hash slot (one script on a Redis Cluster). */
  keys(appId) {
    const base = `${this.prefix}history{${appId}}`;
    return [base, `${base}:since`];
  }
  remember(write) {
    const [stream, since] = this.keys(write.appId);
    const minId = String(Math.max(0, Date.now() - write.windowMs));
    return this.commands.pogoRemember(stream, since, String(write.seq), minId, write.channel, write.message, write.exceptSocketId ?? "").then(
      () => void 0,
      (error) => {
        throw new BrokerError("history", error);
      }
    );
  }
  /** The newest `maxEntries` events of the window, oldest first, if the stream vouches for them; undefined when it does not. */
  async read(appId, windowMs, maxEntries) {
    const [stream, sinceKey] = this.keys(appId);
    const from = Math.max(0, Date.now() - windowMs);
    const [marker, rows] = await Promise.all([this.commands.get(sinceKey), this.commands.xrevrange(stream, "+", String(from), "COUNT", maxEntries)]);
    if (marker === null) return void 0;
    const entries = [];
    for (const [, fields] of rows.reverse()) {
      const value = {};
      for (let i = 0; i + 1 < fields.length; i += 2) value[fields[i]] = fields[i + 1];
      entries.push({ channel: value.c ?? "", seq: Number(value.s), message: value.m ?? "", exceptSocketId: value.e || void 0 });
    }
    const capped = rows.length >= maxEntries && entries[0] ? entries[0].seq : 0;
    return { since: Math.max(Number(marker), from * 1e3, capped), entries };
  }
};

// src/brokers/redis-broker.ts
var shardCount = 16;
function tlsOptions(tls) {
  if (!tls) return void 0;
  if (tls === true) return {};
  return {
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    ...tls.ca ? { ca: (0, import_node_fs4.readFileSync)(tls.ca) } : {},
    ...tls.servername ? { servername: tls.servername } : {}
  };
}
function shardOf(key) {
  let hash2 = 0;
  for (let i = 0; i < key.length; i++) hash2 = hash2 * 31 + key.charCodeAt(i) | 0;
  return (hash2 >>> 0) % shardCount;
}
var RedisBroker = class {
  constructor(config, log2) {
    this.config = config;
    this.log = log2;
    this.prefix = config.prefix;
    this.sharded = (config.cluster?.length ?? 0) > 0;
    const base = {
      lazyConnect: true,
      connectionName: `pogo-ws:${this.nodeId}`,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2e3),
      ...config.username !== void 0 ? { username: config.username } : {},
      ...config.password !== void 0 ? { password: config.password } : {},
      ...tlsOptions(config.tls) ? { tls: tlsOptions(config.tls) } : {}
    };
    const commandOptions = { ...base, enableOfflineQueue: false, commandTimeout: config.commandTimeoutMs, maxRetriesPerRequest: 0 };
    const subscriberOptions = { ...base, enableOfflineQueue: true, maxRetriesPerRequest: null };
    if (this.sharded) {
      const seeds = (config.cluster ?? []).map((node) => {
        const [host, port] = node.split(":");
        return { host: host ?? "", port: Number(port) };
      });
      const clusterOptions = {
        lazyConnect: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: (times) => Math.min(100 * times, 2e3)
      };
      this.commands = new import_ioredis.Cluster(seeds, { ...clusterOptions, redisOptions: commandOptions });
      this.subscriber = new import_ioredis.Cluster(seeds, { ...clusterOptions, enableOfflineQueue: true, shardedSubscribers: true, redisOptions: subscriberOptions });
      this.busChannels = Array.from({ length: shardCount }, (_, i) => `${this.prefix}bus{${i}}`);
    } else {
      this.commands = new import_ioredis.Redis(config.url ?? "", commandOptions);
      this.subscriber = new import_ioredis.Redis(config.url ?? "", subscriberOptions);
      this.busChannels = [`${this.prefix}bus`];
    }
    this.commands.defineCommand("pogoEnter", { numberOfKeys: 4, lua: enterScript });
    this.commands.defineCommand("pogoExit", { numberOfKeys: 4, lua: exitScript });
    this.commands.defineCommand("pogoCount", { numberOfKeys: 1, lua: countScript });
    if (config.history) {
      const history = new RedisHistory(this.commands, this.prefix);
      this.remember = (write) => history.remember(write);
      this.history = (appId, windowMs, maxEntries) => history.read(appId, windowMs, maxEntries);
    }
  }
  nodeId = (0, import_node_crypto.randomBytes)(nodeIdLength / 2).toString("hex");
  via = "redis";
  store = this;
  commands;
  subscriber;
  prefix;
  sharded;
  busChannels;
  events;
  heartbeat;
  epoch = "";
  down = false;
  /** Redis's clock minus ours (ms), measured at every heartbeat. */
  clockOffset = 0;
  /** Our lease has been written once (a lease found missing later means we were reaped). */
  registered = false;
  closing = false;
  lastWarning = /* @__PURE__ */ new Map();
  remember;
  history;
  warn(kind, message) {
    const now = Date.now();
    if (now - (this.lastWarning.get(kind) ?? 0) < 5e3) return;
    this.lastWarning.set(kind, now);
    this.log.warn(message);
  }
  async start(events2) {
    this.events = events2;
    this.commands.on("error", (error) => this.warn("error", `redis: ${error.message}`));
    this.subscriber.on("error", (error) => this.warn("sub-error", `redis subscriber: ${error.message}`));
    this.commands.on("close", () => {
      if (!this.closing && !this.down) {
        this.down = true;
        this.log.warn("redis: connection lost; local delivery continues, publishes answer 503 until it is back");
      }
    });
    this.commands.on("ready", () => {
      if (!this.down || this.closing) return;
      this.down = false;
      this.log.info("redis: connection back; re-registering this node");
      void this.resume();
    });
    const onMessage = (_channel, payload) => {
      if (!payload.startsWith(this.nodeId, frameTypeAt + 1)) this.events.message(payload);
    };
    if (this.sharded) this.subscriber.on("smessage", onMessage);
    else this.subscriber.on("message", onMessage);
    let lastError;
    const remember = (error) => lastError = error;
    this.commands.on("error", remember);
    try {
      await this.commands.connect();
      if (this.sharded) {
        await this.subscriber.connect();
        for (const channel2 of this.busChannels) await this.subscriber.ssubscribe(channel2);
      } else {
        await this.subscriber.connect();
        await this.subscriber.subscribe(...this.busChannels);
      }
      await this.readEpoch();
    } catch (error) {
      this.closing = true;
      this.commands.disconnect();
      this.subscriber.disconnect();
      const reason = lastError && lastError.message !== error.message ? `${error.message} (${lastError.message})` : error.message;
      throw new Error(`cannot reach Redis at ${this.target()}: ${reason}`);
    } finally {
      this.commands.off("error", remember);
    }
    await this.beat();
    const every = Math.max(200, Math.floor(this.config.nodeTimeoutSeconds * 1e3 / 3));
    this.heartbeat = setInterval(() => void this.beat(), every);
    this.heartbeat.unref();
  }
  /** Where we connect, without credentials (they never reach a log line). */
  target() {
    if (this.sharded) return `cluster ${(this.config.cluster ?? []).join(", ")}`;
    const url = new URL(this.config.url ?? "");
    url.username = "";
    url.password = "";
    return url.toString();
  }
  get nodesKey() {
    return `${this.prefix}nodes`;
  }
  /** Each node's wire format, by node id (a node alive in `nodes` without one runs a release before versions). */
  get formatsKey() {
    return `${this.prefix}node-formats`;
  }
  nodeKey(node) {
    return `${this.prefix}node:${node}`;
  }
  channelKeys(appId, channel2) {
    const base = `${this.prefix}ch{${appId}:${channel2}}`;
    return [`${base}:nodes`, `${base}:users`, `${base}:ucount`, `${base}:unodes`];
  }
  cacheKey(appId, channel2) {
    return `${this.prefix}ch{${appId}:${channel2}}:cache`;
  }
  /** The epoch marks this Redis's data set: gone after a restart without persistence. */
  async readEpoch() {
    const key = `${this.prefix}epoch`;
    const before = this.epoch;
    await this.commands.set(key, (0, import_node_crypto.randomBytes)(8).toString("hex"), "NX");
    this.epoch = await this.commands.get(key) ?? "";
    return before !== "" && before !== this.epoch;
  }
  async resume() {
    try {
      const dataLost = await this.readEpoch();
      this.registered = false;
      await this.beat();
      this.events.resumed(dataLost);
    } catch (error) {
      this.warn("resume", `redis: re-registering failed (${error.message}); retrying`);
      setTimeout(() => void (this.down ? void 0 : this.resume()), 500).unref();
    }
  }
  now() {
    return Date.now() + this.clockOffset;
  }
  /** Refresh our lease; claim and clean up nodes whose lease ran out. */
  async beat() {
    if (this.closing) return;
    try {
      const [seconds, micros] = await this.commands.time();
      this.clockOffset = Number(seconds) * 1e3 + Math.floor(Number(micros) / 1e3) - Date.now();
      const now = this.now();
      await this.commands.hset(this.formatsKey, this.nodeId, String(wireVersion));
      const added = await this.commands.zadd(this.nodesKey, now + this.config.nodeTimeoutSeconds * 1e3, this.nodeId);
      if (added === 1 && this.registered && !this.down) {
        this.log.warn("redis: this node was presumed dead by the others; re-registering");
        void this.resume();
      }
      this.registered = true;
      const dead = await this.commands.zrangebyscore(this.nodesKey, "-inf", now);
      for (const node of dead) {
        if (await this.commands.zrem(this.nodesKey, node) === 1) {
          const changes = await this.reap(node);
          this.log.info(`redis: node ${node} stopped answering; removed its ${changes.length} cluster-wide change(s)`);
          if (changes.length > 0) this.events.reaped(changes);
          await this.commands.hdel(this.formatsKey, node);
        }
      }
      await this.checkFormats(now);
    } catch (error) {
      this.warn("beat", `redis: heartbeat failed: ${error.message}`);
    }
  }
  /** Tells the adapter about alive nodes of another wire format: a quiet node of another release is found too. */
  async checkFormats(now) {
    const alive = await this.commands.zrangebyscore(this.nodesKey, now, "+inf");
    if (alive.length <= 1) return;
    const formats = await this.commands.hgetall(this.formatsKey);
    const foreign = alive.filter((node) => node !== this.nodeId && formats[node] !== String(wireVersion)).map((node) => ({ node: printableNodeId(node.slice(0, 64)), version: formats[node] === void 0 ? 1 : Number(formats[node]) || 0 }));
    if (foreign.length > 0) this.events.foreignNodes?.(foreign);
  }
  /** Removes everything `node` held (a dead node, or this one leaving); returns the cluster-wide changes. */
  async reap(node) {
    const changes = [];
    for (const entry of await this.entries(node)) {
      if (entry.count) {
        await this.setCount(node, entry.appId, entry.channel, 0);
        continue;
      }
      const result = await this.exit(node, entry.appId, entry.channel, entry.userId === void 0, entry.userId);
      if (result.vacated || result.memberRemoved) {
        changes.push({ appId: entry.appId, channel: entry.channel, vacated: result.vacated, removedUserId: result.memberRemoved ? entry.userId : void 0 });
      }
    }
    await this.commands.del(this.nodeKey(node));
    return changes;
  }
  send(payload, shardKey, cache) {
    const channel2 = this.sharded ? this.busChannels[shardOf(shardKey)] : this.busChannels[0];
    const published = this.sharded ? this.commands.spublish(channel2, payload) : this.commands.publish(channel2, payload);
    const sent = cache ? Promise.all([published, this.commands.set(this.cacheKey(cache.appId, cache.channel), cache.message, "PX", Math.max(1, cache.ttlMs))]) : published;
    return sent.then(
      () => void 0,
      (error) => {
        throw new BrokerError("publish", error);
      }
    );
  }
  ready() {
    return !this.down && this.commands.status === "ready";
  }
  async peers() {
    const alive = await this.commands.zrangebyscore(this.nodesKey, this.now(), "+inf");
    return alive.filter((node) => node !== this.nodeId).length;
  }
  // ── store ─────────────────────────────────────────────────────────────────────────────
  async enter(node, appId, channel2, occupied, member, wantMembers) {
    const registered = [];
    if (occupied) registered.push(JSON.stringify([appId, channel2]));
    if (member) registered.push(JSON.stringify([appId, channel2, member.userId]));
    const registering = registered.length > 0 ? this.commands.sadd(this.nodeKey(node), ...registered) : void 0;
    const [k1, k2, k3, k4] = this.channelKeys(appId, channel2);
    const [reply] = await Promise.all([
      this.commands.pogoEnter(k1, k2, k3, k4, node, occupied ? "1" : "0", member?.userId ?? "", JSON.stringify(member?.info ?? null), wantMembers ? "1" : "0"),
      registering
    ]);
    const result = { occupied: reply[0] === 1, memberAdded: reply[1] === 1 };
    if (wantMembers) result.members = pairs(reply[2] ?? []);
    return result;
  }
  async exit(node, appId, channel2, vacated, userId) {
    const [k1, k2, k3, k4] = this.channelKeys(appId, channel2);
    const reply = await this.commands.pogoExit(k1, k2, k3, k4, node, vacated ? "1" : "0", userId ?? "");
    const registered = [];
    if (vacated) registered.push(JSON.stringify([appId, channel2]));
    if (userId !== void 0) registered.push(JSON.stringify([appId, channel2, userId]));
    if (registered.length > 0) await this.commands.srem(this.nodeKey(node), ...registered);
    return { vacated: reply[0] === 1, memberRemoved: reply[1] === 1 };
  }
  async setCount(node, appId, channel2, count) {
    const entry = JSON.stringify([appId, channel2, null, "count"]);
    const key = `${this.prefix}ch{${appId}:${channel2}}:counts`;
    if (count > 0) {
      const [total2] = await Promise.all([this.commands.pogoCount(key, node, String(count)), this.commands.sadd(this.nodeKey(node), entry)]);
      return total2;
    }
    const total = await this.commands.pogoCount(key, node, "0");
    await this.commands.srem(this.nodeKey(node), entry);
    return total;
  }
  async members(appId, channel2) {
    const hash2 = await this.commands.hgetall(this.channelKeys(appId, channel2)[1]);
    return new Map(Object.entries(hash2).map(([id, info]) => [id, JSON.parse(info)]));
  }
  async userCount(appId, channel2) {
    return this.commands.hlen(this.channelKeys(appId, channel2)[1]);
  }
  /** Sent together (ioredis writes them in one go); not one pipeline: on a Redis Cluster the keys are in different slots. */
  userCounts(appId, channels2) {
    return Promise.all(channels2.map((channel2) => this.userCount(appId, channel2)));
  }
  async cached(appId, channel2) {
    return await this.commands.get(this.cacheKey(appId, channel2)) ?? void 0;
  }
  async entries(node) {
    const raw = await this.commands.smembers(this.nodeKey(node));
    return raw.map((entry) => {
      const [appId, channel2, userId, kind] = JSON.parse(entry);
      if (kind === "count") return { appId, channel: channel2, count: true };
      return userId === void 0 || userId === null ? { appId, channel: channel2 } : { appId, channel: channel2, userId };
    });
  }
  async close() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    try {
      const changes = await this.reap(this.nodeId);
      if (changes.length > 0) this.events.reaped(changes);
      await this.commands.zrem(this.nodesKey, this.nodeId);
      await this.commands.hdel(this.formatsKey, this.nodeId);
    } catch {
    }
    this.closing = true;
    this.subscriber.disconnect();
    await this.commands.quit().catch(() => this.commands.disconnect());
  }
};
function pairs(flat) {
  const map = /* @__PURE__ */ new Map();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i], JSON.parse(flat[i + 1]));
  return map;
}

// src/adapter/select.ts
function selectAdapter(hub, config, log2) {
  let broker;
  if (config.redis) broker = new RedisBroker(config.redis, log2);
  else if (import_node_cluster6.default.isWorker && process.env.POGO_WORKER_IPC === "1") broker = new IpcBroker(log2);
  if (!broker) return new LocalAdapter(hub);
  return new ClusterAdapter(hub, broker, { requestTimeoutMs: config.redis?.requestTimeoutMs ?? 1e3, log: log2 });
}

// src/dashboard/dashboard.ts
var import_node_http2 = require("http");

// src/observe/refusal.ts
var authFailureNames = /* @__PURE__ */ new Set([
  "SUBSCRIPTION_UNAUTHORIZED",
  "SIGNIN_FAILED",
  "SERVER_AUTH_UNAVAILABLE",
  "UNAUTHORIZED",
  "INVALID_SIGNATURE"
]);

// src/http/respond.ts
function send(res, httpStatus, contentType, body, headers = {}) {
  res.writeHead(httpStatus, { ...headers, "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
var emptyAnswer = Object.freeze({});
var emptyAnswerHeaders = ["Content-Type", "application/json", "Content-Length", "2"];
function sendEmptyAnswer(res) {
  res.writeHead(200, emptyAnswerHeaders);
  res.end("{}");
}
function sendJson(res, httpStatus, body, headers = {}, contentType = "application/json") {
  send(res, httpStatus, contentType, JSON.stringify(body), headers);
}
var ApiError = class extends Error {
  constructor(statusName, detail, headers) {
    super(detail ? `${publishStatus(statusName).message}: ${detail}` : publishStatus(statusName).message);
    this.statusName = statusName;
    this.headers = headers;
  }
};
function errorBody(error) {
  const status = publishStatus(error.statusName);
  return { error: error.message, status: status.status, name: status.name };
}
function sendError(res, error) {
  sendJson(res, publishStatus(error.statusName).http, errorBody(error), error.headers);
}

// src/dashboard/answers.ts
var securityHeaders = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
};
function send2(res, status, type, body, headers = {}) {
  send(res, status, type, body, { ...securityHeaders, ...headers });
}
function sendJson2(res, status, body, headers = {}) {
  sendJson(res, status, body, { ...securityHeaders, ...headers }, "application/json; charset=utf-8");
}
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// src/dashboard/console-feed.ts
var maxConsoleData = 2e3;
function consoleData(data) {
  const text = typeof data === "string" ? data : JSON.stringify(data) ?? "undefined";
  return text.length > maxConsoleData ? `${text.slice(0, maxConsoleData)}\u2026 (${text.length} characters)` : text;
}
var ConsoleFeed = class {
  constructor(node, send3, maxPerSecond = 2e3, flushMs = 100) {
    this.node = node;
    this.send = send3;
    this.maxPerSecond = maxPerSecond;
    this.flushMs = flushMs;
    this.perFlush = Math.max(1, Math.round(maxPerSecond * flushMs / 1e3));
  }
  /** True while at least one console streams: checked before any event is built. */
  on = false;
  batch = [];
  dropped = 0;
  timer;
  perFlush;
  /**
   * Room for one more event in this batch? Callers ask before building one, so a burst
   * beyond the rate costs a counter increment, not an object per event.
   */
  take() {
    if (this.batch.length < this.perFlush) return true;
    this.dropped++;
    return false;
  }
  push(event) {
    if (this.batch.length >= this.perFlush) {
      this.dropped++;
      return;
    }
    this.batch.push(event);
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }
  flush() {
    this.timer = void 0;
    if (this.batch.length === 0 && this.dropped === 0) return;
    const payload = JSON.stringify({ node: this.node, events: this.batch, dropped: this.dropped });
    this.batch = [];
    this.dropped = 0;
    this.send(payload);
  }
  stop() {
    this.on = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = void 0;
    this.batch = [];
    this.dropped = 0;
  }
};

// src/dashboard/nodes.ts
var import_node_crypto2 = require("crypto");
var import_node_os2 = require("os");

// src/dashboard/wire.ts
var seriesNames = [
  "connections",
  "channels",
  "presenceMembers",
  "watchlistWatchers",
  "messagesIn",
  "messagesOut",
  "httpPublishes",
  "clientEvents",
  "errors"
];

// src/dashboard/samples.ts
var ringSeconds = 900;
function emptySample() {
  return { connections: 0, channels: 0, presenceMembers: 0, watchlistWatchers: 0, messagesIn: 0, messagesOut: 0, httpPublishes: 0, clientEvents: 0, errors: 0 };
}
function addSamples(into, other) {
  for (const name of seriesNames) into[name] += other[name];
}
var SampleRing = class {
  constructor(size = ringSeconds) {
    this.size = size;
    for (const name of seriesNames) this.values.set(name, new Float64Array(size));
  }
  values = /* @__PURE__ */ new Map();
  next = 0;
  count = 0;
  lastAt = 0;
  push(at, sample) {
    for (const name of seriesNames) {
      const ring = this.values.get(name);
      if (ring) ring[this.next] = sample[name];
    }
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
    this.lastAt = at;
  }
  get length() {
    return this.count;
  }
  history() {
    const series = {};
    const start = (this.next - this.count + this.size) % this.size;
    for (const name of seriesNames) {
      const ring = this.values.get(name) ?? new Float64Array(this.size);
      const out = new Array(this.count);
      for (let i = 0; i < this.count; i++) out[i] = ring[(start + i) % this.size];
      series[name] = out;
    }
    return { last: this.lastAt, series };
  }
};

// src/dashboard/nodes.ts
var staleAfterMs = 5e3;
var NodeDirectory = class {
  /** `notes`: the adapter's, when this node shares a cluster; absent when it is alone. */
  constructor(notes) {
    this.notes = notes;
    this.id = notes?.nodeId ?? (0, import_node_crypto2.randomBytes)(8).toString("hex");
    notes?.listen((note) => this.receive(note));
  }
  id;
  startedAt = Date.now();
  latest;
  others = /* @__PURE__ */ new Map();
  /** Console batches from other nodes, for this node's streams. */
  onConsole = () => void 0;
  /** How nodes share: through Redis, between `--workers`, or not at all. */
  get sharing() {
    return this.notes?.via;
  }
  receive(note) {
    let parsed;
    try {
      parsed = JSON.parse(note);
    } catch {
      return;
    }
    if ("snapshot" in parsed) {
      if (parsed.snapshot.id !== this.id) this.others.set(parsed.snapshot.id, parsed.snapshot);
    } else if (parsed.from !== this.id) this.onConsole(parsed.console);
  }
  /** This node's newest sample, sent to the others. */
  update(total, apps, at, watching) {
    this.latest = { id: this.id, host: (0, import_node_os2.hostname)(), pid: process.pid, startedAt: this.startedAt, at, watching, total, apps };
    this.notes?.send(JSON.stringify({ t: "dashboard", snapshot: this.latest }));
    for (const [id, node] of this.others) if (at - node.at > staleAfterMs) this.others.delete(id);
  }
  /** Is a console watched on another node (so this node's console events should go there)? */
  remoteWatching() {
    const now = Date.now();
    for (const node of this.others.values()) if (node.watching && now - node.at <= staleAfterMs) return true;
    return false;
  }
  /** This node's console batch, for the consoles on other nodes. */
  forwardConsole(payload) {
    this.notes?.send(JSON.stringify({ t: "dashboard", from: this.id, console: payload }));
  }
  /** This node first, then the others that reported within the last 5 s. */
  list() {
    const now = Date.now();
    const others = [...this.others.values()].filter((n) => now - n.at <= staleAfterMs).sort((a, b) => a.startedAt - b.startedAt);
    return [...this.latest ? [this.latest] : [], ...others];
  }
  /** The sum over `list()`, per app and in total. */
  sum() {
    const total = emptySample();
    const apps = {};
    for (const node of this.list()) {
      addSamples(total, node.total);
      for (const [id, sample] of Object.entries(node.apps)) {
        apps[id] ??= emptySample();
        addSamples(apps[id], sample);
      }
    }
    return { total, apps };
  }
  /** Stops listening (the adapter, closed after the dashboard, owns the connection). */
  close() {
    this.notes?.listen(() => void 0);
  }
};

// src/dashboard/observer.ts
function dashboardObserver(feed) {
  return {
    connected(app, connection) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "connected", app: app.id, socketId: connection.socketId, ip: connection.ip });
    },
    disconnected(app, connection) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "disconnected", app: app.id, socketId: connection.socketId });
    },
    subscribed(app, channel2, socketId) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "subscribed", app: app.id, channel: channel2, socketId });
    },
    unsubscribed(app, channel2, socketId) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "unsubscribed", app: app.id, channel: channel2, socketId });
    },
    channelOccupied(app, channel2) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "occupied", app: app.id, channel: channel2 });
    },
    channelVacated(app, channel2) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "vacated", app: app.id, channel: channel2 });
    },
    memberAdded(app, channel2, userId) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "member_added", app: app.id, channel: channel2, userId });
    },
    memberRemoved(app, channel2, userId) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "member_removed", app: app.id, channel: channel2, userId });
    },
    clientEvent(app, channel2, event, data, socketId, userId) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: "client_event", app: app.id, channel: channel2, event, data: consoleData(data), socketId, ...userId !== void 0 ? { userId } : {} });
    },
    httpPublished(app, channels2, event, data, socketId) {
      if (feed.on && feed.take()) {
        feed.push({
          at: Date.now(),
          type: "api_message",
          app: app.id,
          channel: channels2[0],
          ...channels2.length > 1 ? { channels: channels2 } : {},
          event,
          data: consoleData(data),
          ...socketId !== void 0 ? { socketId } : {}
        });
      }
    }
  };
}

// src/http/body.ts
function readBody(req, limit, pastLimit = "drain") {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ApiError("BODY_TOO_LARGE", `at most ${limit} bytes`);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(tooLarge());
      if (pastLimit === "destroy") req.destroy();
      else req.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(tooLarge());
        if (pastLimit === "destroy") req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

// dashboard-ui/dist/dashboard.css.txt
var dashboard_css_default = ':root {\n  --bg: #f6f7fb; --panel: #ffffff; --text: #1d2330; --muted: #6b7385; --line: #e3e6ee;\n  --accent: #6c4cf1; --accent-2: #16a3a3; --warn: #d9822b; --bad: #d64545; --good: #2e9d5b;\n  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;\n  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;\n}\n@media (prefers-color-scheme: dark) {\n  :root { --bg: #11141b; --panel: #1a1f29; --text: #e6e9f0; --muted: #8d95a8; --line: #2a3140; --accent: #9b85ff; --accent-2: #3cc7c7; }\n}\n* { box-sizing: border-box; }\nbody { margin: 0; background: var(--bg); color: var(--text); }\nbutton, input, select, textarea { font: inherit; color: inherit; }\nbutton { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 6px 12px; cursor: pointer; }\nbutton.ghost { background: transparent; color: var(--text); border: 1px solid var(--line); }\nbutton[aria-pressed="true"] { background: var(--warn); }\ninput, select, textarea { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; min-width: 0; }\ntextarea { font-family: var(--mono); width: 100%; }\ncode { font-family: var(--mono); font-size: 0.92em; }\n.muted { color: var(--muted); }\n.small { font-size: 12px; }\n.top { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; padding: 10px 16px; background: var(--panel); border-bottom: 1px solid var(--line); }\n.brand { font-weight: 650; font-size: 16px; margin-right: auto; }\n.logo { color: var(--accent); }\n.app-pick { display: flex; align-items: center; gap: 6px; color: var(--muted); }\n.live { font-size: 12px; padding: 2px 8px; border-radius: 99px; border: 1px solid var(--line); }\n.live::before { content: "\u25CF"; margin-right: 5px; color: var(--muted); }\n.live[data-state="live"]::before { color: var(--good); }\n.live[data-state="down"]::before { color: var(--bad); }\n.logout { margin: 0; }\n.tabs { display: flex; gap: 4px; padding: 0 12px; background: var(--panel); border-bottom: 1px solid var(--line); overflow-x: auto; }\n.tabs button { background: none; color: var(--muted); border-radius: 0; border-bottom: 2px solid transparent; padding: 10px 12px; white-space: nowrap; }\n.tabs button[aria-selected="true"] { color: var(--text); border-bottom-color: var(--accent); }\nmain { padding: 16px; max-width: 1400px; margin: 0 auto; }\n.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(135px, 1fr)); gap: 10px; margin-bottom: 14px; }\n.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }\n.card .label { color: var(--muted); font-size: 12px; }\n.card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }\n.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 10px; margin-bottom: 14px; }\n.chart { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px 6px; }\n.chart h3 { margin: 0 0 4px; font-size: 13px; font-weight: 600; display: flex; gap: 10px; flex-wrap: wrap; }\n.chart .key { font-weight: 400; color: var(--muted); font-size: 12px; }\n.chart .key i { display: inline-block; width: 10px; height: 3px; vertical-align: middle; margin-right: 4px; }\n.chart svg { width: 100%; height: 120px; display: block; }\n.chart .axis { display: flex; justify-content: space-between; color: var(--muted); font-size: 11px; }\n.chart .grid-line { stroke: var(--line); stroke-width: 1; }\n.chart text { fill: var(--muted); font-size: 10px; }\n.tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 10px; }\n.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; overflow-x: auto; }\n.panel h2 { font-size: 14px; margin: 0 0 8px; }\ntable.grid { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }\ntable.grid th, table.grid td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }\ntable.grid th { color: var(--muted); font-weight: 500; font-size: 12px; }\ntable.grid .num { text-align: right; }\ntable.grid tfoot td { font-weight: 650; border-bottom: 0; }\ntable.grid td.name { font-family: var(--mono); word-break: break-all; }\n.members { font-family: var(--mono); font-size: 12px; color: var(--muted); }\n.empty { color: var(--muted); margin: 6px 0; }\n.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 10px; }\n.toolbar input[type="search"] { flex: 1 1 160px; }\n.send { margin-bottom: 10px; }\n.send summary { cursor: pointer; font-weight: 600; }\n.send form { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px; margin-top: 10px; }\n.send label { display: flex; flex-direction: column; gap: 4px; color: var(--muted); font-size: 12px; }\n.send .wide { grid-column: 1 / -1; }\n.ok { color: var(--good); } .bad { color: var(--bad); }\n.log { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; max-height: 65vh; overflow-y: auto; font-size: 13px; }\n.row { display: grid; grid-template-columns: 86px 120px minmax(0, 1fr); gap: 4px 10px; padding: 7px 12px; border-bottom: 1px solid var(--line); }\n.row .time { color: var(--muted); font-family: var(--mono); font-size: 12px; }\n.row .type { font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: 0.02em; }\n.row .what { min-width: 0; }\n.row .what .channel { font-family: var(--mono); font-weight: 600; }\n.row .what .event { font-family: var(--mono); color: var(--accent); margin-left: 8px; }\n.row .what .meta { color: var(--muted); font-size: 12px; margin-left: 8px; }\n.row pre { grid-column: 3; margin: 2px 0 0; font-family: var(--mono); font-size: 12px; white-space: pre-wrap; word-break: break-all; color: var(--muted); }\n.t-api_message .type, .t-client_event .type { color: var(--accent); }\n.t-subscribed .type, .t-occupied .type, .t-member_added .type, .t-connected .type { color: var(--good); }\n.t-unsubscribed .type, .t-vacated .type, .t-member_removed .type, .t-disconnected .type { color: var(--muted); }\n.t-auth_failed .type, .t-refused .type, .t-error .type, .t-http_error .type, .t-closed .type { color: var(--bad); }\n.notice { padding: 6px 12px; color: var(--warn); font-size: 12px; border-bottom: 1px solid var(--line); }\n@media (max-width: 640px) {\n  main { padding: 10px; }\n  .row { grid-template-columns: 70px minmax(0, 1fr); }\n  .row .what, .row pre { grid-column: 1 / -1; }\n  .card .value { font-size: 20px; }\n  .charts { grid-template-columns: 1fr; }\n}\nbody.login { display: grid; place-items: center; min-height: 100vh; padding: 16px; }\n.login-box { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; max-width: 420px; width: 100%; }\n.login-box h1 { font-size: 18px; margin: 0 0 8px; }\n.login-box .status { color: var(--muted); margin: 0 0 6px; }\n.login-box .problem { color: var(--bad); margin: 0 0 8px; min-height: 1em; }\n.login-box .problem:empty { display: none; }\n.token-form { display: flex; flex-direction: column; gap: 10px; }\n.token-form label { display: flex; flex-direction: column; gap: 4px; color: var(--muted); }\nbody.login[data-mode="basic"] .token-form, body.login[data-mode="token"] .basic-hint { display: none; }\n';

// dashboard-ui/dist/dashboard.html.txt
var dashboard_html_default = '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<link rel="icon" href="data:,">\n<title>Pogo WebSocket \xB7 Dashboard</title>\n<link rel="stylesheet" href="__BASE__/dashboard.css">\n<script src="__BASE__/dashboard.js" defer></script>\n</head>\n<body data-base="__BASE__">\n<header class="top">\n  <div class="brand"><span class="logo" aria-hidden="true">\u25C6</span> Pogo WebSocket <span class="muted">dashboard</span></div>\n  <label class="app-pick">App\n    <select id="app-select" aria-label="App"><option value="">All apps</option></select>\n  </label>\n  <span id="live" class="live" data-state="connecting" title="Live updates">connecting\u2026</span>\n  <form method="post" action="__BASE__/logout" class="logout"><button type="submit" class="ghost">Sign out</button></form>\n</header>\n<nav class="tabs" role="tablist">\n  <button role="tab" data-tab="overview" aria-selected="true">Overview</button>\n  <button role="tab" data-tab="channels" aria-selected="false">Channels</button>\n  <button role="tab" data-tab="console" aria-selected="false">Debug console</button>\n</nav>\n<main>\n<section id="tab-overview" class="tab" role="tabpanel">\n  <div class="cards" id="cards"></div>\n  <div class="charts" id="charts"></div>\n  <div class="tables">\n    <div class="panel">\n      <h2>Errors by code <span class="muted small" id="errors-scope">since start</span></h2>\n      <table class="grid" id="errors-table"><thead><tr><th>Code</th><th>Name</th><th>Kind</th><th class="num">Count</th><th>Last</th></tr></thead><tbody></tbody></table>\n      <p class="empty" id="errors-empty">No errors yet.</p>\n    </div>\n    <div class="panel">\n      <h2>Nodes <span class="muted small" id="nodes-note"></span></h2>\n      <table class="grid" id="nodes-table"><thead><tr><th>Node</th><th class="num">Connections</th><th class="num">Channels</th><th class="num">Members</th><th class="num">In/s</th><th class="num">Out/s</th><th>Up</th></tr></thead><tbody></tbody><tfoot></tfoot></table>\n    </div>\n  </div>\n</section>\n<section id="tab-channels" class="tab" role="tabpanel" hidden>\n  <div class="toolbar">\n    <input id="channel-search" type="search" placeholder="Search channels" aria-label="Search channels" autocomplete="off">\n    <span class="muted small" id="channels-count"></span>\n  </div>\n  <p class="empty" id="channels-need-app" hidden>Pick an app above to list its channels.</p>\n  <table class="grid" id="channels-table"><thead><tr><th>Channel</th><th class="num">Subscribers</th><th class="num">Members</th></tr></thead><tbody></tbody></table>\n</section>\n<section id="tab-console" class="tab" role="tabpanel" hidden>\n  <div class="toolbar filters">\n    <input id="filter-channel" type="search" placeholder="Channel" aria-label="Filter by channel" autocomplete="off">\n    <input id="filter-event" type="search" placeholder="Event" aria-label="Filter by event name" autocomplete="off">\n    <select id="filter-type" aria-label="Filter by kind">\n      <option value="">Every kind</option>\n      <option value="messages">Messages (API and client)</option>\n      <option value="subscriptions">Subscriptions</option>\n      <option value="connections">Connections</option>\n      <option value="problems">Errors and refusals</option>\n    </select>\n    <button id="pause" type="button" aria-pressed="false">Pause</button>\n    <button id="clear" type="button" class="ghost">Clear</button>\n    <span class="muted small" id="console-status"></span>\n  </div>\n  <details class="panel send" id="send-panel">\n    <summary>Send a test event (through the HTTP API, signed by the server)</summary>\n    <form id="send-form">\n      <label>App <select id="send-app" required></select></label>\n      <label>Channel <input id="send-channel" required placeholder="my-channel" autocomplete="off"></label>\n      <label>Event <input id="send-event" required placeholder="test-event" autocomplete="off"></label>\n      <label class="wide">Data <textarea id="send-data" rows="3" spellcheck="false">{"message":"hello"}</textarea></label>\n      <div class="wide"><button type="submit">Send event</button> <span id="send-result" class="small"></span></div>\n    </form>\n  </details>\n  <div class="log" id="log" aria-live="polite"></div>\n</section>\n</main>\n</body>\n</html>\n';

// dashboard-ui/dist/dashboard.js.txt
var dashboard_js_default = '"use strict";(()=>{var te=Object.defineProperty;var ne=(t,e,n)=>e in t?te(t,e,{enumerable:!0,configurable:!0,writable:!0,value:n}):t[e]=n;var u=(t,e,n)=>ne(t,typeof e!="symbol"?e+"":e,n);function a(t,e={},...n){let r=document.createElement(t);for(let[s,o]of Object.entries(e))o!==void 0&&r.setAttribute(s,o);for(let s of n)s!=null&&s!==!1&&r.append(typeof s=="number"?String(s):s);return r}function l(t){let e=document.getElementById(t);if(!e)throw new Error(`#${t} is missing from the page`);return e}function y(t,e){let n=t.querySelector(e);if(!n)throw new Error(`${e} is missing from the page`);return n}var se=new Intl.NumberFormat("en",{maximumFractionDigits:0}),re=new Intl.NumberFormat("en",{notation:"compact",maximumFractionDigits:1});function g(t){return Math.abs(t)>=1e5?re.format(t):se.format(t)}function B(t){let e=new Date(t);return`${String(e.getHours()).padStart(2,"0")}:${String(e.getMinutes()).padStart(2,"0")}:${String(e.getSeconds()).padStart(2,"0")}.${String(e.getMilliseconds()).padStart(3,"0").slice(0,1)}`}function P(t){let e=Math.floor(t/1e3);return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h ${Math.floor(e%3600/60)}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}var oe="http://www.w3.org/2000/svg",A=900,w=120;function x(t,e){let n=document.createElementNS(oe,t);for(let[r,s]of Object.entries(e))n.setAttribute(r,s);return n}function ae(t){if(t<=1)return 1;let e=10**Math.floor(Math.log10(t));for(let n of[1,2,5,10])if(n*e>=t)return n*e;return 10*e}var b=class{constructor(e,n,r,s){this.id=e;this.lines=r;this.seconds=s;u(this,"root");u(this,"plot");u(this,"maxLabel");u(this,"nowLabel");u(this,"spanLabel");u(this,"keys");this.keys=r.map(o=>{let c=a("i");return c.style.background=o.color,a("span",{class:"key"},c,o.label," ",a("b",{},"0"))}),this.plot=x("svg",{viewBox:`0 0 ${A} ${w}`,preserveAspectRatio:"none",role:"img","aria-label":n}),this.maxLabel=a("span",{},""),this.nowLabel=a("span",{},"now"),this.spanLabel=a("span",{},""),this.root=a("div",{class:"chart",id:`chart-${e}`},a("h3",{},n,...this.keys),a("div",{class:"axis"},this.maxLabel,a("span",{},"")),this.plot,a("div",{class:"axis"},this.spanLabel,this.nowLabel))}draw(e){let n=ae(Math.max(0,...e.flat())),r=Math.min(this.seconds,Math.max(60,Math.ceil(Math.max(0,...e.map(s=>s.length))/60)*60));this.spanLabel.textContent=`\\u2212${Math.round(r/60)} min`,this.maxLabel.textContent=`max ${g(n)}`,this.plot.replaceChildren(...[.25,.5,.75].map(s=>x("line",{x1:"0",x2:String(A),y1:String(w*s),y2:String(w*s),class:"grid-line","vector-effect":"non-scaling-stroke"}))),e.forEach((s,o)=>{var T;let c=this.lines[o];if(!c)return;let p=s.length;if(p===0)return;let h=v=>(r-(p-1-v))/r*A,f=v=>w-2-v/n*(w-4),d=s.map((v,ee)=>`${h(ee).toFixed(1)},${f(v).toFixed(1)}`).join(" ");if(o===0){let v=x("polygon",{points:`${h(0).toFixed(1)},${w} ${d} ${h(p-1).toFixed(1)},${w}`,fill:c.color,"fill-opacity":"0.12"});this.plot.append(v)}this.plot.append(x("polyline",{points:d,fill:"none",stroke:c.color,"stroke-width":"2","vector-effect":"non-scaling-stroke","stroke-linejoin":"round"}));let m=(T=this.keys[o])==null?void 0:T.querySelector("b");m&&(m.textContent=g(s[p-1]??0))})}};var ie={messages:new Set(["api_message","client_event"]),subscriptions:new Set(["subscribed","unsubscribed","occupied","vacated","member_added","member_removed"]),connections:new Set(["connected","disconnected","closed","refused"]),problems:new Set(["auth_failed","refused","error","closed","http_error"])},le={api_message:"API message",client_event:"Client event",subscribed:"Subscribed",unsubscribed:"Unsubscribed",occupied:"Occupied",vacated:"Vacated",member_added:"Member added",member_removed:"Member removed",connected:"Connected",disconnected:"Disconnected",auth_failed:"Auth failed",refused:"Refused",error:"Error",closed:"Closed",http_error:"HTTP error"},$=1e3,L=class{constructor(e,n,r){this.log=e;this.status=n;this.filter=r;u(this,"events",[]);u(this,"waiting",[]);u(this,"paused",!1);u(this,"droppedByServer",0);this.updateStatus()}add(e,n){if(this.droppedByServer+=n,this.paused){this.waiting.push(...e),this.waiting.length>$&&this.waiting.splice(0,this.waiting.length-$),this.updateStatus();return}this.take(e)}take(e){var s;this.events.push(...e);let n=this.events.length-$;n>0&&this.events.splice(0,n);let r=e.filter(o=>this.matches(o)).map(o=>this.row(o));for(this.log.prepend(...r.reverse());this.log.childElementCount>$;)(s=this.log.lastElementChild)==null||s.remove();this.updateStatus()}setFilter(e){this.filter=e,this.render()}setPaused(e){if(this.paused=e,!e&&this.waiting.length>0){let n=this.waiting;this.waiting=[],this.take(n)}this.updateStatus()}clear(){this.events=[],this.waiting=[],this.droppedByServer=0,this.render()}render(){let e=this.events.filter(n=>this.matches(n)).map(n=>this.row(n));this.log.replaceChildren(...e.reverse()),this.updateStatus()}matches(e){var c;let{app:n,channel:r,event:s,group:o}=this.filter;if(n&&e.app!==n||o&&!((c=ie[o])!=null&&c.has(e.type)))return!1;if(r){let p=r.toLowerCase();if(!(e.channels??(e.channel!==void 0?[e.channel]:[])).some(f=>f.toLowerCase().includes(p)))return!1}return!(s&&!(e.event??e.name??"").toLowerCase().includes(s.toLowerCase()))}row(e){let n=e.channels??(e.channel!==void 0?[e.channel]:[]),r=[];e.app&&r.push(`app ${e.app}`),e.socketId&&r.push(`socket ${e.socketId}`),e.userId&&r.push(`user ${e.userId}`),e.ip&&r.push(e.ip),e.node&&r.push(`node ${e.node}`);let s=a("div",{class:"what"},n.length>0?a("span",{class:"channel"},n.join(", ")):null,e.event?a("span",{class:"event"},e.event):null,e.code!==void 0?a("span",{class:"event"},`${e.code} ${e.name??""}`):null,a("span",{class:"meta"},r.join(" \\xB7 "))),o=e.data??e.reason;return a("div",{class:`row t-${e.type}`,"data-type":e.type,"data-channel":n.join(","),"data-event":e.event??"","data-app":e.app??""},a("span",{class:"time"},B(e.at)),a("span",{class:"type"},le[e.type]??e.type),s,o!==void 0?a("pre",{},o):null)}updateStatus(){let e=[`${this.log.childElementCount} shown`];this.paused&&e.push(`paused, ${this.waiting.length} waiting`),this.droppedByServer>0&&e.push(`${this.droppedByServer} not shown (over the server\'s console rate)`),this.status.textContent=e.join(" \\xB7 ")}};var E=["connections","channels","presenceMembers","watchlistWatchers","messagesIn","messagesOut","httpPublishes","clientEvents","errors"];var k=document.body.dataset.base??"",i={series:new Map,app:"",tab:"overview"},U=[{id:"connections",label:"Connections"},{id:"channels",label:"Channels"},{id:"presenceMembers",label:"Presence members"},{id:"watchlistWatchers",label:"Watchlist connections"},{id:"messagesIn",label:"Messages in /s"},{id:"messagesOut",label:"Messages out /s"},{id:"httpPublishes",label:"HTTP publishes /s"},{id:"clientEvents",label:"Client events /s"},{id:"errors",label:"Errors /s"}],W=new Map;for(let t of U){let e=a("div",{class:"value"},"\\u2013");W.set(t.id,e),l("cards").append(a("div",{class:"card",id:`card-${t.id}`},a("div",{class:"label"},t.label),e))}var I=[];function ce(t){I=[{chart:new b("connections","Connections",[{label:"open",color:"var(--accent)"}],t),series:["connections"]},{chart:new b("messages","Messages per second",[{label:"out",color:"var(--accent)"},{label:"in",color:"var(--accent-2)"}],t),series:["messagesOut","messagesIn"]},{chart:new b("publishes","Publishes per second",[{label:"HTTP API",color:"var(--accent)"},{label:"client events",color:"var(--accent-2)"}],t),series:["httpPublishes","clientEvents"]},{chart:new b("channels","Channels",[{label:"occupied",color:"var(--accent)"}],t),series:["channels"]},{chart:new b("members","Presence members",[{label:"members",color:"var(--accent-2)"}],t),series:["presenceMembers"]},{chart:new b("errors","Errors per second",[{label:"errors",color:"var(--bad)"}],t),series:["errors"]}],l("charts").replaceChildren(...I.map(e=>e.chart.root))}function K(t){let e={};for(let n of E)e[n]=[...t.series[n]??[]];return e}function D(t,e,n){if(!e)return;let r=i.series.get(t);if(!r){r={};for(let s of E)r[s]=[];i.series.set(t,r)}for(let s of E){let o=r[s];o.push(e[s]),o.length>n&&o.splice(0,o.length-n)}}function O(){let t=i.series.get(i.app),e=i.latest?i.app?i.latest.apps[i.app]:i.latest.total:void 0;for(let n of U){let r=t==null?void 0:t[n.id],s=(e==null?void 0:e[n.id])??(r==null?void 0:r[r.length-1]),o=W.get(n.id);o&&(o.textContent=s===void 0?"\\u2013":g(s))}if(t)for(let{chart:n,series:r}of I)n.draw(r.map(s=>t[s]));de(),pe()}function de(){var r,s;let t=((r=i.latest)==null?void 0:r.errors)??((s=i.overview)==null?void 0:s.errors),e=(i.app?t==null?void 0:t.apps[i.app]:t==null?void 0:t.total)??[];y(l("errors-table"),"tbody").replaceChildren(...e.map(o=>a("tr",{title:o.message},a("td",{},String(o.code)),a("td",{class:"name"},o.name),a("td",{},o.kind),a("td",{class:"num"},g(o.count)),a("td",{class:"muted"},`${P(Date.now()-o.lastAt)} ago`)))),l("errors-empty").hidden=e.length>0}function pe(){var c,p,h,f;let t=((c=i.latest)==null?void 0:c.nodes)??((p=i.overview)==null?void 0:p.nodes)??[],e=(h=i.overview)==null?void 0:h.node.id,n=d=>i.app?d.apps[i.app]:d.total,r=d=>["connections","channels","presenceMembers","messagesIn","messagesOut"].map(m=>a("td",{class:"num"},d?g(d[m]):"\\u2013"));y(l("nodes-table"),"tbody").replaceChildren(...t.map(d=>a("tr",{},a("td",{class:"name"},`${d.host}:${d.pid}`,d.id===e?a("span",{class:"muted small"}," (this node)"):null),...r(n(d)),a("td",{class:"muted"},P(Date.now()-d.startedAt)))));let s={};for(let d of E)s[d]=t.reduce((m,T)=>{var v;return m+(((v=n(T))==null?void 0:v[d])??0)},0);y(l("nodes-table"),"tfoot").replaceChildren(a("tr",{},a("td",{},`Sum of ${t.length} node${t.length===1?"":"s"}`),...r(s),a("td",{})));let o=(f=i.overview)==null?void 0:f.node.sharing;l("nodes-note").textContent=o==="redis"?"sharing through Redis":o==="workers"?"the workers of this server":"single node (no Redis configured)",l("errors-scope").textContent=t.length>1?"since start, this node":"since start"}var R=l("app-select"),j=l("send-app");function me(t){R.replaceChildren(a("option",{value:""},"All apps"),...t.apps.map(e=>a("option",{value:e.id},e.id))),R.value=t.apps.some(e=>e.id===i.app)?i.app:"",j.replaceChildren(...t.apps.map(e=>a("option",{value:e.id},e.id)))}R.addEventListener("change",()=>{i.app=R.value,i.app&&(j.value=i.app),O(),M.setFilter(F()),C()});for(let t of document.querySelectorAll("[data-tab]"))t.addEventListener("click",()=>G(t.dataset.tab??"overview"));function G(t){i.tab=t;for(let e of document.querySelectorAll("[data-tab]"))e.setAttribute("aria-selected",String(e.dataset.tab===t));for(let e of document.querySelectorAll(".tab"))e.hidden=e.id!==`tab-${t}`;t==="channels"&&C(),history.replaceState(null,"",`#${t}`)}var z=l("channel-search"),S=new Set;async function Q(t){let e=await fetch(`${k}${t}`,{credentials:"same-origin",headers:{Accept:"application/json"}});e.status===401&&location.reload();let n=await e.json();if(!e.ok)throw new Error(n.error??`HTTP ${e.status}`);return n}async function C(){if(i.tab!=="channels"||!i.overview)return;let t=i.app?[i.app]:i.overview.apps.map(n=>n.id),e=encodeURIComponent(z.value.trim());try{let n=await Promise.all(t.map(o=>Q(`/api/channels?app=${encodeURIComponent(o)}&q=${e}`))),r=[],s=0;for(let o of n){s+=o.total;for(let c of o.channels){let p=`${o.app}\n${c.name}`,h=c.userCount!==void 0,f=h?a("button",{type:"button",class:"ghost small","aria-expanded":String(S.has(p))},g(c.userCount??0)):"\\u2013",d=a("tr",{"data-channel":c.name},a("td",{class:"name"},c.name,t.length>1?a("span",{class:"muted small"},`  ${o.app}`):null),a("td",{class:"num"},g(c.subscriptionCount)),a("td",{class:"num"},f));if(r.push(d),h){let m=a("tr",{class:"members-row"},a("td",{colspan:"3",class:"members"},"loading\\u2026"));m.hidden=!S.has(p),r.push(m),f.addEventListener("click",()=>{S.has(p)?S.delete(p):S.add(p),m.hidden=!S.has(p),f.setAttribute("aria-expanded",String(S.has(p))),m.hidden||q(o.app,c.name,m.firstElementChild)}),m.hidden||q(o.app,c.name,m.firstElementChild)}}}y(l("channels-table"),"tbody").replaceChildren(...r),l("channels-count").textContent=`${g(s)} channel${s===1?"":"s"}${s>500?" (the 500 busiest shown per app)":""}`}catch(n){l("channels-count").textContent=`could not list channels: ${n.message}`}}async function q(t,e,n){try{let{members:r,total:s}=await Q(`/api/members?app=${encodeURIComponent(t)}&channel=${encodeURIComponent(e)}`);n.replaceChildren(...r.map(o=>a("div",{},o.id,o.info!==null?a("span",{},`  ${JSON.stringify(o.info)}`):null)),s>r.length?a("div",{},`\\u2026 and ${s-r.length} more`):"")}catch(r){n.textContent=`could not list members: ${r.message}`}}var J;z.addEventListener("input",()=>{clearTimeout(J),J=window.setTimeout(()=>void C(),200)});window.setInterval(()=>void C(),2e3);var X=l("filter-channel"),Y=l("filter-event"),Z=l("filter-type"),F=()=>({app:i.app,channel:X.value.trim(),event:Y.value.trim(),group:Z.value}),M=new L(l("log"),l("console-status"),F());for(let t of[X,Y,Z])t.addEventListener("input",()=>M.setFilter(F()));var H=l("pause");H.addEventListener("click",()=>{let t=H.getAttribute("aria-pressed")!=="true";H.setAttribute("aria-pressed",String(t)),H.textContent=t?"Resume":"Pause",M.setPaused(t)});l("clear").addEventListener("click",()=>M.clear());l("send-form").addEventListener("submit",t=>{t.preventDefault();let e=l("send-result");e.className="small muted",e.textContent="sending\\u2026";let n={channel:l("send-channel").value.trim(),event:l("send-event").value.trim(),data:l("send-data").value};(async()=>{try{let r=await fetch(`${k}/api/publish?app=${encodeURIComponent(j.value)}`,{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/json"},body:JSON.stringify(n)}),s=await r.json(),o=r.ok&&s.status===200;e.className=`small ${o?"ok":"bad"}`,e.textContent=o?`sent: HTTP API answered ${s.status}`:`refused: ${s.error??`HTTP API answered ${s.status} ${JSON.stringify(s.body)}`}`}catch(r){e.className="small bad",e.textContent=`failed: ${r.message}`}})()});var N=l("live");function _(){let t=new EventSource(`${k}/api/stream`,{withCredentials:!0});t.addEventListener("open",()=>{N.dataset.state="live",N.textContent="live"}),t.addEventListener("error",()=>{N.dataset.state="down",N.textContent="reconnecting\\u2026",t.readyState===EventSource.CLOSED&&window.setTimeout(()=>{fetch(`${k}/api/overview`,{credentials:"same-origin"}).then(e=>e.status===401?location.reload():_(),()=>_())},3e3)}),t.addEventListener("overview",e=>{let n=JSON.parse(e.data);i.overview=n,i.series.clear(),i.series.set("",K(n.history.total));for(let[r,s]of Object.entries(n.history.apps))i.series.set(r,K(s));i.latest=void 0,I.length===0&&ce(n.ringSeconds),me(n),O(),C()}),t.addEventListener("sample",e=>{var s;let n=JSON.parse(e.data),r=((s=i.overview)==null?void 0:s.ringSeconds)??900;i.latest=n,D("",n.total,r);for(let[o,c]of Object.entries(n.apps))D(o,c,r);O()}),t.addEventListener("console",e=>{var s;let n=JSON.parse(e.data),r=(((s=i.latest)==null?void 0:s.nodes.length)??1)>1;M.add(r?n.events.map(o=>({...o,node:n.node})):n.events,n.dropped)})}var V=location.hash.slice(1);["overview","channels","console"].includes(V)&&G(V);_();})();\n';

// dashboard-ui/dist/login.html.txt
var login_html_default = '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<link rel="icon" href="data:,">\n<title>Pogo WebSocket \xB7 Sign in</title>\n<link rel="stylesheet" href="__BASE__/dashboard.css">\n</head>\n<body class="login" data-mode="__MODE__">\n<main class="login-box">\n  <h1><span class="logo" aria-hidden="true">\u25C6</span> Pogo WebSocket dashboard</h1>\n  <p class="status">401 \xB7 Sign-in required.</p>\n  <p class="problem" role="alert">__PROBLEM__</p>\n  <form method="post" action="__BASE__/login" class="token-form">\n    <label>Dashboard token <input type="password" name="token" autocomplete="current-password" required autofocus></label>\n    <button type="submit">Sign in</button>\n  </form>\n  <p class="basic-hint">This dashboard uses basic auth: reload the page and enter the user and password set in <code>dashboard.basicAuth</code>.</p>\n  <p class="muted small">The token is <code>dashboard.token</code> in the server configuration, or <code>WS_DASHBOARD_TOKEN</code>.</p>\n</main>\n</body>\n</html>\n';

// src/dashboard/assets.ts
var assets = { html: dashboard_html_default, js: dashboard_js_default, css: dashboard_css_default, login: login_html_default };

// src/dashboard/test-event.ts
var import_node_http = require("http");

// src/protocol/signature.ts
var import_node_crypto3 = require("crypto");
function hmacHex(secret, data) {
  return (0, import_node_crypto3.createHmac)("sha256", secret).update(data).digest("hex");
}
function md5Hex(data) {
  return (0, import_node_crypto3.createHash)("md5").update(data).digest("hex");
}
function safeEqual(expected, given) {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length) {
    (0, import_node_crypto3.timingSafeEqual)(a, a);
    return false;
  }
  return (0, import_node_crypto3.timingSafeEqual)(a, b);
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
  const pairs2 = [];
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    if (lower !== "auth_signature") pairs2.push([lower, value]);
  }
  pairs2.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return `${method.toUpperCase()}
${path}
${pairs2.map(([k, v]) => `${k}=${v}`).join("&")}`;
}

// src/dashboard/test-event.ts
function parseTestEvent(raw) {
  if (typeof raw !== "object" || raw === null) return "the body must be a JSON object";
  const { channel: channel2, event, data } = raw;
  if (typeof channel2 !== "string" || channel2 === "") return '"channel" must be a non-empty string';
  if (typeof event !== "string" || event === "") return '"event" must be a non-empty string';
  if (data !== void 0 && typeof data !== "string") return '"data" must be a string';
  return { channel: channel2, event, data: data ?? "{}" };
}
function signedQuery(app, path, body, nowSeconds) {
  const query = new URLSearchParams({ auth_key: app.key, auth_timestamp: String(nowSeconds), auth_version: "1.0", body_md5: md5Hex(body) });
  query.set("auth_signature", hmacHex(app.secret, httpSigningString("POST", path, query)));
  return query.toString();
}
function signedEventRequest(app, test, nowSeconds = Math.floor(Date.now() / 1e3)) {
  const body = JSON.stringify({ name: test.event, channels: [test.channel], data: test.data });
  const path = `/apps/${encodeURIComponent(app.id)}/events`;
  return { path: `${path}?${signedQuery(app, path, body, nowSeconds)}`, body };
}
function sendTestEvent(host, port, app, test) {
  const { path, body } = signedEventRequest(app, test);
  return new Promise((resolve, reject) => {
    const req = (0, import_node_http.request)(
      { host, port, method: "POST", path, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }, timeout: 1e4 },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on("error", reject);
      }
    );
    req.on("timeout", () => req.destroy(new Error("the HTTP API did not answer within 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

// src/dashboard/routes.ts
function sameHost(origin, host) {
  try {
    return origin !== "null" && new URL(origin).host === host;
  } catch {
    return false;
  }
}
function dashboardRoute(deps) {
  const { base, hub, adapter, session } = deps;
  const appOf = (params) => {
    const id = params.get("app") ?? "";
    const app = hub.appById(id);
    if (!app) throw new Error(`unknown app ${JSON.stringify(id)}`);
    return app;
  };
  const channels2 = async (params) => {
    const app = appOf(params);
    const search = (params.get("q") ?? "").toLowerCase();
    const all = (await adapter.channels(app.id, "")).filter((c) => !c.name.startsWith("#") && c.name.toLowerCase().includes(search));
    all.sort((a, b) => b.subscriptionCount - a.subscriptionCount || (a.name < b.name ? -1 : 1));
    return { app: app.id, total: all.length, channels: all.slice(0, 500) };
  };
  const members = async (params) => {
    const app = appOf(params);
    const name = params.get("channel") ?? "";
    if (!name.startsWith("presence-")) throw new Error("members are listed for presence channels only");
    const ids = await adapter.presenceUsers(app.id, name);
    const local = hub.channel(app, name)?.members;
    return { app: app.id, channel: name, members: ids.slice(0, 1e3).map((id) => ({ id, info: local?.get(id)?.info ?? null })), total: ids.length };
  };
  const testEvent = async (req, res, params) => {
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      req.resume();
      sendJson2(res, 415, { error: "send the test event as application/json" });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== void 0 && !sameHost(origin, req.headers.host)) {
      req.resume();
      sendJson2(res, 403, { error: "cross-origin requests are not allowed" });
      return;
    }
    const app = appOf(params);
    let raw;
    try {
      raw = JSON.parse((await readBody(req, app.limits.maxHttpBodyBytes, "destroy")).toString("utf8"));
    } catch (error) {
      sendJson2(res, 400, { error: `the body is not JSON: ${error.message}` });
      return;
    }
    const test = parseTestEvent(raw);
    if (typeof test === "string") {
      sendJson2(res, 400, { error: test });
      return;
    }
    const { host, port } = deps.api();
    const loopback = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
    try {
      sendJson2(res, 200, await sendTestEvent(loopback, port, app, test));
    } catch (error) {
      sendJson2(res, 502, { error: `the HTTP API could not be reached: ${error.message}` });
    }
  };
  const authorized = async (req, res, sub, method) => {
    const target = req.url ?? "/";
    const mark = target.indexOf("?");
    const params = new URLSearchParams(mark < 0 ? "" : target.slice(mark + 1));
    if (method === "POST" && sub === "/logout") {
      session.logout(req, res);
      return;
    }
    if (method === "POST" && sub === "/api/publish") {
      await testEvent(req, res, params);
      return;
    }
    req.resume();
    if (method !== "GET" && method !== "HEAD") {
      sendJson2(res, 405, { error: `${method} is not allowed here` }, { Allow: "GET" });
      return;
    }
    switch (sub) {
      case "/":
        send2(res, 200, "text/html; charset=utf-8", assets.html.replaceAll("__BASE__", escapeHtml(base)));
        return;
      case "/dashboard.js":
        send2(res, 200, "text/javascript; charset=utf-8", assets.js);
        return;
      case "/api/overview":
        sendJson2(res, 200, deps.overview());
        return;
      case "/api/stream":
        deps.openStream(req, res);
        return;
      case "/api/channels":
        sendJson2(res, 200, await channels2(params));
        return;
      case "/api/members":
        sendJson2(res, 200, await members(params));
        return;
      default:
        sendJson2(res, 404, { error: `no dashboard page ${sub}` });
    }
  };
  return async (req, res, path) => {
    if (path !== base && !path.startsWith(`${base}/`)) return false;
    const sub = path.slice(base.length);
    const method = req.method ?? "GET";
    if (sub === "" && method === "GET") {
      req.resume();
      send2(res, 308, "text/plain; charset=utf-8", `${base}/
`, { Location: `${base}/` });
      return true;
    }
    if (sub === "/dashboard.css" && method === "GET") {
      req.resume();
      send2(res, 200, "text/css; charset=utf-8", assets.css);
      return true;
    }
    if (sub === "/login" && method === "POST") {
      await session.login(req, res);
      return true;
    }
    if (!session.allows(req)) {
      req.resume();
      session.refuse(req, res, sub === "/" && method === "GET");
      return true;
    }
    try {
      await authorized(req, res, sub, method);
    } catch (error) {
      if (!res.headersSent) sendJson2(res, 400, { error: error.message });
      else res.end();
    }
    return true;
  };
}

// src/dashboard/tally.ts
var AppTally = class {
  errors = 0;
  byCode = /* @__PURE__ */ new Map();
};
var closeNames = new Map(Object.entries(schema.closeCodes).map(([name, entry]) => [entry.code, name]));
var errorNames = new Map(Object.entries(schema.errorCodes).map(([name, entry]) => [entry.code, name]));
function refusalName(refusal) {
  if (refusal.name) return refusal.name;
  const table = refusal.kind === "message" ? errorNames : refusal.kind === "http" ? void 0 : closeNames;
  return table?.get(refusal.code) ?? errorNames.get(refusal.code) ?? closeNames.get(refusal.code) ?? String(refusal.code);
}
var noApp = "";
var Tally = class {
  apps = /* @__PURE__ */ new Map();
  of(appId) {
    let tally = this.apps.get(appId);
    if (!tally) {
      tally = new AppTally();
      this.apps.set(appId, tally);
    }
    return tally;
  }
  error(appId, refusal, name, at) {
    const tally = this.of(appId);
    tally.errors++;
    const key = `${refusal.kind}:${refusal.code}:${name}`;
    const seen = tally.byCode.get(key);
    if (seen) {
      seen.count++;
      seen.lastAt = at;
    } else {
      tally.byCode.set(key, { kind: refusal.kind, code: refusal.code, name, message: refusal.message.slice(0, 200), count: 1, lastAt: at });
    }
  }
  /** Errors by code for one app, or summed over every app (and refusals without one). */
  errorsByCode(appId) {
    const merged = /* @__PURE__ */ new Map();
    for (const [id, tally] of this.apps) {
      if (appId !== void 0 && id !== appId) continue;
      for (const [key, entry] of tally.byCode) {
        const seen = merged.get(key);
        if (seen) {
          seen.count += entry.count;
          seen.lastAt = Math.max(seen.lastAt, entry.lastAt);
        } else merged.set(key, { ...entry });
      }
    }
    return [...merged.values()].sort((a, b) => b.count - a.count);
  }
};

// src/dashboard/sampling.ts
var Sampler = class {
  constructor(hub, counters, tally) {
    this.hub = hub;
    this.counters = counters;
    this.tally = tally;
    for (const app of hub.apps) this.rings.set(app.id, new SampleRing());
  }
  rings = /* @__PURE__ */ new Map();
  totalRing = new SampleRing();
  previous = /* @__PURE__ */ new Map();
  /** The newest sum over every node. */
  latest = { total: emptySample(), apps: {} };
  /** Is `appId` one of this server's apps? */
  knows(appId) {
    return this.rings.has(appId);
  }
  /** This node's sample: the state now, and what the counters gained since the last call. */
  measure() {
    const { hub, counters } = this;
    const total = emptySample();
    const apps = {};
    for (const app of hub.apps) {
      const sample = emptySample();
      sample.connections = hub.connectionCount(app);
      for (const channel2 of hub.localChannels(app.id, "")) {
        if (channel2.name.startsWith("#")) continue;
        sample.channels++;
        sample.presenceMembers += channel2.userCount ?? 0;
      }
      const c = counters.of(app.id);
      sample.watchlistWatchers = c.watchlistWatchers;
      const now = { messagesIn: c.messagesIn, messagesOut: c.messagesOut, httpPublishes: c.httpPublishes, clientEvents: c.clientEvents, errors: this.tally.of(app.id).errors };
      const before = this.previous.get(app.id) ?? now;
      sample.messagesIn = now.messagesIn - before.messagesIn;
      sample.messagesOut = now.messagesOut - before.messagesOut;
      sample.httpPublishes = now.httpPublishes - before.httpPublishes;
      sample.clientEvents = now.clientEvents - before.clientEvents;
      sample.errors = now.errors - before.errors;
      this.previous.set(app.id, now);
      apps[app.id] = sample;
      addSamples(total, sample);
    }
    const orphan = this.tally.of(noApp).errors;
    const orphanBefore = this.previous.get(noApp)?.errors ?? orphan;
    total.errors += orphan - orphanBefore;
    this.previous.set(noApp, { messagesIn: 0, messagesOut: 0, httpPublishes: 0, clientEvents: 0, errors: orphan });
    return { total, apps };
  }
  /** Records the sum over every node at `at` in the rings. */
  record(at, sum) {
    for (const [id, ring] of this.rings) ring.push(at, sum.apps[id] ?? emptySample());
    this.totalRing.push(at, sum.total);
    this.latest = sum;
  }
  /** The rings' contents, for the charts. */
  history() {
    const apps = {};
    for (const [id, ring] of this.rings) apps[id] = ring.history();
    return { total: this.totalRing.history(), apps };
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
    if (!bucket) {
      bucket = new TokenBucket(this.rate, this.burst, now);
      this.buckets.set(key, bucket);
    }
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

// src/dashboard/auth.ts
var import_node_crypto4 = require("crypto");
var cookieName = "pogo_dashboard";
var sessionSeconds = 43200;
var maxSessions = 1e3;
function digest(value) {
  return (0, import_node_crypto4.createHash)("sha256").update(value, "utf8").digest();
}
function secretsEqual(expected, given) {
  return (0, import_node_crypto4.timingSafeEqual)(digest(expected), digest(given));
}
var DashboardAuth = class {
  constructor(config) {
    this.config = config;
  }
  /** sha256(session id) → when it expires (ms). Insertion order: oldest first. */
  sessions = /* @__PURE__ */ new Map();
  /** Basic auth makes the browser ask for user and password; a token uses the login form. */
  get scheme() {
    return this.config.token === void 0 ? "Basic" : "Bearer";
  }
  challenge() {
    return `${this.scheme} realm="pogo-ws dashboard", charset="UTF-8"`;
  }
  /** The token typed into the login form. */
  tokenMatches(given) {
    return this.config.token !== void 0 && secretsEqual(this.config.token, given);
  }
  allows(req) {
    const header = req.headers.authorization ?? "";
    const space = header.indexOf(" ");
    const scheme = space > 0 ? header.slice(0, space).toLowerCase() : "";
    const value = space > 0 ? header.slice(space + 1).trim() : "";
    if (scheme === "bearer" && this.tokenMatches(value)) return true;
    if (scheme === "basic" && this.config.basicAuth) {
      const { user, password } = this.config.basicAuth;
      if (secretsEqual(`${user}:${password}`, Buffer.from(value, "base64").toString("utf8"))) return true;
    }
    return this.sessionOf(req) !== void 0;
  }
  /** The live session the request's cookie names (its key in `sessions`), if any. */
  sessionOf(req) {
    const cookie = readCookie(req.headers.cookie, cookieName);
    if (cookie === void 0 || cookie === "") return void 0;
    const key = digest(cookie).toString("base64url");
    const expires = this.sessions.get(key);
    if (expires === void 0) return void 0;
    if (expires <= Date.now()) {
      this.sessions.delete(key);
      return void 0;
    }
    return key;
  }
  /** Signing out: the request's session ends here, whatever the browser does with the cookie. */
  revoke(req) {
    const key = this.sessionOf(req);
    if (key !== void 0) this.sessions.delete(key);
  }
  /** Did the request bring credentials at all (a wrong one counts as a failed sign-in)? */
  presented(req) {
    return req.headers.authorization !== void 0 || readCookie(req.headers.cookie, cookieName) !== void 0;
  }
  /** Starts a session; Set-Cookie for the signed-in browser: HttpOnly, SameSite=Strict, scoped to the dashboard's path. */
  sessionCookie(secure) {
    const id = (0, import_node_crypto4.randomBytes)(32).toString("base64url");
    const oldest = this.sessions.keys().next().value;
    if (this.sessions.size >= maxSessions && oldest !== void 0) this.sessions.delete(oldest);
    this.sessions.set(digest(id).toString("base64url"), Date.now() + sessionSeconds * 1e3);
    return `${cookieName}=${id}; Path=${this.config.path}/; HttpOnly; SameSite=Strict; Max-Age=${sessionSeconds}${secure ? "; Secure" : ""}`;
  }
  clearCookie() {
    return `${cookieName}=; Path=${this.config.path}/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }
};
function readCookie(header, name) {
  if (!header) return void 0;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return void 0;
}

// src/dashboard/session.ts
var DashboardSession = class {
  auth;
  base;
  /** Wrong credentials per client address: 2 a second, bursts of 10, then 429. */
  failures = new BucketMap(2, 10);
  constructor(config) {
    this.auth = new DashboardAuth(config);
    this.base = config.path;
  }
  allows(req) {
    return this.auth.allows(req);
  }
  /** A request without valid credentials: 429 after too many wrong ones, else 401 (`page`: the login page). */
  refuse(req, res, page) {
    if (this.auth.presented(req) && this.tooManyFailures(req, res)) return;
    this.unauthorized(res, page);
  }
  /** Forgets addresses whose failures have run out. */
  prune(at) {
    this.failures.prune(at);
  }
  /** Counts a failed sign-in; true (and a 429 sent) when this address has failed too often. */
  tooManyFailures(req, res) {
    const ip = req.socket.remoteAddress ?? "";
    if (this.failures.take(ip)) return false;
    sendJson2(res, 429, { error: "too many failed sign-ins from this address; wait and try again" }, { "Retry-After": String(this.failures.retryAfter(ip)) });
    return true;
  }
  unauthorized(res, page, problem) {
    const headers = { "WWW-Authenticate": this.auth.challenge() };
    if (!page) {
      sendJson2(res, 401, { error: "dashboard credentials required: a bearer token, basic auth or the login form" }, headers);
      return;
    }
    const mode = this.auth.scheme === "Basic" ? "basic" : "token";
    const body = assets.login.replaceAll("__BASE__", escapeHtml(this.base)).replace("__MODE__", mode).replace("__PROBLEM__", problem ? escapeHtml(problem) : "");
    send2(res, 401, "text/html; charset=utf-8", body, headers);
  }
  /** POST /login: the token from the form; a session cookie when it matches. */
  async login(req, res) {
    let token = "";
    try {
      token = new URLSearchParams((await readBody(req, 4096, "destroy")).toString("utf8")).get("token") ?? "";
    } catch {
    }
    if (!this.auth.tokenMatches(token)) {
      if (this.tooManyFailures(req, res)) return;
      this.unauthorized(res, true, token === "" ? "Enter the dashboard token." : "That token is not right.");
      return;
    }
    const secure = req.headers["x-forwarded-proto"] === "https" || req.socket.encrypted === true;
    send2(res, 303, "text/plain; charset=utf-8", "signed in\n", { Location: `${this.base}/`, "Set-Cookie": this.auth.sessionCookie(secure) });
  }
  /** POST /logout: ends the session and clears the cookie. */
  logout(req, res) {
    req.resume();
    this.auth.revoke(req);
    send2(res, 303, "text/plain; charset=utf-8", "signed out\n", { Location: `${this.base}/`, "Set-Cookie": this.auth.clearCookie() });
  }
};

// src/dashboard/streams.ts
var maxStreams = 32;
var maxStreamBacklog = 4 * 1024 * 1024;
var EventStreams = class {
  /** `changed`: a stream opened or closed (the console feed runs only while one is open). */
  constructor(changed) {
    this.changed = changed;
  }
  streams = /* @__PURE__ */ new Set();
  get size() {
    return this.streams.size;
  }
  broadcast(event, payload) {
    const frame = `event: ${event}
data: ${payload}

`;
    for (const stream of this.streams) {
      if (event === "console" && stream.writableLength > maxStreamBacklog) continue;
      stream.write(frame);
    }
  }
  /** Opens a stream whose first event is `overview()`; 503 when too many are open. */
  open(req, res, overview) {
    if (this.streams.size >= maxStreams) {
      sendJson2(res, 503, { error: `at most ${maxStreams} dashboards may stream at once` });
      return;
    }
    req.socket.setNoDelay(true);
    res.writeHead(200, { ...securityHeaders, "Content-Type": "text/event-stream; charset=utf-8", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    res.write(`retry: 2000
event: overview
data: ${JSON.stringify(overview())}

`);
    this.streams.add(res);
    this.changed();
    const closed = () => {
      if (!this.streams.delete(res)) return;
      this.changed();
    };
    res.on("close", closed);
    res.on("error", closed);
  }
  /** Ends every stream (shutdown). */
  endAll() {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
};

// src/http/timeouts.ts
var headersTimeoutMs = 5e3;
var requestTimeoutMs = 3e4;
var keepAliveTimeoutMs = 65e3;
var requestTimeouts = {
  keepAliveTimeout: keepAliveTimeoutMs,
  headersTimeout: headersTimeoutMs,
  requestTimeout: requestTimeoutMs,
  connectionsCheckingInterval: 1e3
};
function refuseConnect(server) {
  server.on("connect", (_request, socket) => {
    socket.on("error", () => socket.destroy());
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, POST\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
}

// src/transport/listener-guard.ts
var counts = /* @__PURE__ */ new Map();
var warned = 0;
function listenerErrorCounts() {
  return counts;
}
function listenerFailed(place, error) {
  counts.set(place, (counts.get(place) ?? 0) + 1);
  if (warned < 10) {
    warned++;
    process.emitWarning(`pogo-ws: unexpected error in the ${place} listener, that one connection was closed: ${error?.stack ?? String(error)}`);
  }
}
function guard(place, run, close) {
  const failed2 = (error) => {
    listenerFailed(place, error);
    try {
      close();
    } catch {
    }
  };
  try {
    const result = run();
    if (result instanceof Promise) result.catch(failed2);
  } catch (error) {
    failed2(error);
  }
}

// src/dashboard/dashboard.ts
var Dashboard = class {
  constructor(options) {
    this.options = options;
    this.base = options.config.path;
    this.session = new DashboardSession(options.config);
    this.nodes = new NodeDirectory(options.adapter.notes);
    this.feed = new ConsoleFeed(this.nodes.id, (payload) => this.consoleOut(payload));
    this.nodes.onConsole = (payload) => {
      if (this.streams.size > 0) this.streams.broadcast("console", payload);
    };
    this.sampler = new Sampler(options.hub, options.counters, this.tally);
    this.route = dashboardRoute({
      base: this.base,
      hub: options.hub,
      adapter: options.adapter,
      session: this.session,
      api: options.api,
      overview: () => this.overview(),
      openStream: (req, res) => this.streams.open(req, res, () => this.overview())
    });
  }
  feed;
  tally = new Tally();
  nodes;
  route;
  base;
  session;
  streams = new EventStreams(() => this.updateFeed());
  sampler;
  ticker;
  samples = 0;
  listener;
  /** Closed: the observer stays subscribed to the hub but no longer counts. */
  closed = false;
  get info() {
    if (!this.listener) return { path: `${this.base}/` };
    return { path: `${this.base}/`, port: this.listener.address().port, host: this.options.config.host ?? "127.0.0.1" };
  }
  /** Starts counting and sampling; with `config.port`, listens there. Returns the dashboard's URL. */
  async start() {
    const { hub, config } = this.options;
    hub.observe({ ...dashboardObserver(this.feed), refused: (refusal) => this.refused(refusal) });
    this.sample();
    this.ticker = setInterval(() => this.sample(), 1e3);
    this.ticker.unref();
    if (config.port === void 0) return void 0;
    const host = config.host ?? "127.0.0.1";
    const route = this.route;
    const server = (0, import_node_http2.createServer)(
      requestTimeouts,
      (req, res) => guard(
        "dashboard",
        async () => {
          const target = req.url ?? "/";
          const mark = target.indexOf("?");
          const handled = await route(req, res, mark < 0 ? target : target.slice(0, mark));
          if (!handled) {
            req.resume();
            send2(res, 404, "text/plain; charset=utf-8", `Not found: the dashboard is at ${this.base}/
`);
          }
        },
        () => res.destroy()
      )
    );
    refuseConnect(server);
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, host, () => resolve());
    });
    this.listener = server;
    return `http://${host}:${server.address().port}${this.base}/`;
  }
  async close() {
    if (this.ticker) clearInterval(this.ticker);
    this.closed = true;
    this.feed.stop();
    this.streams.endAll();
    this.nodes.close();
    if (this.listener) {
      const listener = this.listener;
      await new Promise((resolve) => {
        listener.close(() => resolve());
        listener.closeAllConnections();
      });
    }
  }
  // ── counting ───────────────────────────────────────────────────────────────────────
  refused(refusal) {
    if (this.closed) return;
    const at = Date.now();
    let appId = refusal.appId;
    if (appId === void 0 && refusal.kind === "connection" && refusal.url) {
      const key = /^\/app\/([^/?]+)/.exec(refusal.url)?.[1];
      if (key) appId = this.options.hub.appByKey(key)?.id;
    }
    if (appId !== void 0 && !this.sampler.knows(appId)) appId = void 0;
    const name = refusalName(refusal);
    this.tally.error(appId ?? noApp, refusal, name, at);
    if (!this.feed.on || !this.feed.take()) return;
    const type = authFailureNames.has(name) ? "auth_failed" : refusal.kind === "connection" ? "refused" : refusal.kind === "closed" ? "closed" : refusal.kind === "http" ? "http_error" : "error";
    this.feed.push({
      at,
      type,
      ...appId !== void 0 ? { app: appId } : {},
      code: refusal.code,
      name,
      reason: refusal.detail ? `${refusal.message}: ${refusal.detail}` : refusal.message,
      ...refusal.channel !== void 0 ? { channel: refusal.channel } : {},
      ...refusal.socketId !== void 0 ? { socketId: refusal.socketId } : {},
      ...refusal.ip !== void 0 ? { ip: refusal.ip } : {},
      ...refusal.kind === "http" && refusal.url ? { event: refusal.url } : {}
    });
  }
  /** This node's console batch: to the consoles here, and to other nodes while one is watched there. */
  consoleOut(payload) {
    if (this.streams.size > 0) this.streams.broadcast("console", payload);
    if (this.nodes.remoteWatching()) this.nodes.forwardConsole(payload);
  }
  /** The console feed runs while a console streams here or on another node. */
  updateFeed() {
    if (this.streams.size > 0 || this.nodes.remoteWatching()) this.feed.on = true;
    else if (this.feed.on) this.feed.stop();
  }
  /**
   * Once a second: this node's sample goes to the other nodes; the sum over every node
   * (just this one when alone) goes into the rings and to every console here.
   */
  sample(at = Date.now()) {
    const { total, apps } = this.sampler.measure();
    if (++this.samples % 60 === 0) this.session.prune(at);
    this.nodes.update(total, apps, at, this.streams.size > 0);
    const sum = this.nodes.sum();
    this.sampler.record(at, sum);
    this.updateFeed();
    if (this.streams.size === 0) return;
    this.streams.broadcast("sample", JSON.stringify({ at, total: sum.total, apps: sum.apps, errors: this.errors(), nodes: this.nodes.list() }));
  }
  errors() {
    const byApp = {};
    for (const app of this.options.hub.apps) byApp[app.id] = this.tally.errorsByCode(app.id);
    return { total: this.tally.errorsByCode(), apps: byApp };
  }
  overview() {
    const { hub } = this.options;
    return {
      node: { id: this.nodes.id, sharing: this.nodes.sharing ?? null },
      apps: hub.apps.map((app) => ({ id: app.id, key: app.key, enabled: app.enabled, clientEvents: app.clientEvents })),
      ringSeconds,
      consoleMaxPerSecond: this.feed.maxPerSecond,
      history: this.sampler.history(),
      latest: this.sampler.latest,
      errors: this.errors(),
      nodes: this.nodes.list()
    };
  }
};

// src/apps/app-registry.ts
var AppRegistry = class {
  constructor(newState) {
    this.newState = newState;
  }
  byKey = /* @__PURE__ */ new Map();
  byId = /* @__PURE__ */ new Map();
  /** Removed apps whose connections are still closing. */
  leaving = /* @__PURE__ */ new Map();
  /** A new app: clients and the HTTP API find it at once. */
  add(app) {
    this.leaving.delete(app.id);
    const state = this.newState(app);
    this.byKey.set(app.key, state);
    this.byId.set(app.id, state);
    return state;
  }
  /**
   * New settings for an app (same id), copied into the App object everything holds, so a rotated
   * secret, new limits or origins apply to its open connections too. `closeWith`: its connections
   * are closed with that code (the app was disabled). False when the app is unknown.
   */
  update(app, closeWith) {
    const state = this.byId.get(app.id);
    if (!state) return false;
    if (state.app.key !== app.key) {
      this.byKey.delete(state.app.key);
      this.byKey.set(app.key, state);
    }
    Object.assign(state.app, app);
    if (closeWith) for (const connection of [...state.connections.values()]) connection.closeWith(closeWith);
    return true;
  }
  /** An app no longer configured: unknown to new clients and the API; its connections closed with `closeWith`. */
  remove(id, closeWith) {
    const state = this.byId.get(id);
    if (!state) return false;
    this.byId.delete(id);
    this.byKey.delete(state.app.key);
    if (state.connections.size > 0) this.leaving.set(id, state);
    for (const connection of [...state.connections.values()]) connection.closeWith(closeWith);
    return true;
  }
  /** A removed app's last connection closed: its state can go. */
  disconnected(state) {
    if (state.connections.size === 0) this.leaving.delete(state.app.id);
  }
  withKey(key) {
    return this.byKey.get(key);
  }
  withId(id) {
    return this.byId.get(id);
  }
  /** The state of an app that has connections here, removed or not. */
  of(app) {
    const state = this.byId.get(app.id) ?? this.leaving.get(app.id);
    if (!state) throw new Error(`unknown app ${app.id}`);
    return state;
  }
  /** The configured apps' states. */
  values() {
    return this.byId.values();
  }
};

// src/auth/server-side-auth.ts
var import_node_crypto5 = require("crypto");

// src/auth/circuit-breaker.ts
var CircuitBreaker = class {
  constructor(threshold, openMs) {
    this.threshold = threshold;
    this.openMs = openMs;
  }
  failures = 0;
  openUntil = 0;
  /** False while open; after the pause one trial call goes through (half-open). */
  allows(now = Date.now()) {
    return now >= this.openUntil;
  }
  succeeded() {
    this.failures = 0;
  }
  /** Returns true when this failure opened the breaker. */
  failed(now = Date.now()) {
    this.failures++;
    if (this.failures >= this.threshold) {
      this.failures = 0;
      this.openUntil = now + this.openMs;
      return true;
    }
    return false;
  }
};

// src/auth/server-side-auth.ts
function signServerRequest(app, body, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1e3));
  return {
    "X-Pogo-Key": app.key,
    "X-Pogo-Timestamp": timestamp,
    "X-Pogo-Signature": (0, import_node_crypto5.createHmac)("sha256", app.secret).update(`${timestamp}
${body}`).digest("hex")
  };
}
var ServerSideAuthorizer = class {
  constructor(app, endpoint, report = () => {
  }) {
    this.app = app;
    this.endpoint = endpoint;
    this.report = report;
    this.limits = app.limits;
    this.breaker = new CircuitBreaker(this.limits.serverAuthBreakerFailures, this.limits.serverAuthBreakerOpenSeconds * 1e3);
  }
  inFlight = 0;
  breaker;
  limits;
  async authorize(socketId, channel2, headers) {
    const started = performance.now();
    const done = (result, breakerOpened = false) => {
      this.report({
        app: this.app,
        outcome: result.ok ? "ok" : result.reason,
        seconds: (performance.now() - started) / 1e3,
        breakerOpened
      });
      return result;
    };
    if (!this.breaker.allows()) {
      return done({ ok: false, reason: "breaker_open", status: 503, detail: "authorization endpoint failing; retry later" });
    }
    if (this.inFlight >= this.limits.serverAuthConcurrency) {
      return done({ ok: false, reason: "busy", status: 503, detail: "too many authorizations in flight" });
    }
    this.inFlight++;
    try {
      const result = await this.call(socketId, channel2, headers);
      if (result.ok || result.reason === "denied") this.breaker.succeeded();
      else return done(result, this.breaker.failed());
      return done(result);
    } finally {
      this.inFlight--;
    }
  }
  async call(socketId, channel2, headers) {
    const body = new URLSearchParams({ socket_id: socketId, channel_name: channel2 }).toString();
    const unavailable = (detail) => ({ ok: false, reason: "unavailable", status: 503, detail });
    let response;
    try {
      response = await fetch(this.endpoint, {
        method: "POST",
        body,
        redirect: "error",
        signal: AbortSignal.timeout(this.limits.serverAuthTimeoutMs),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
          "X-Requested-With": "XMLHttpRequest",
          ...headers.cookie ? { Cookie: headers.cookie } : {},
          ...headers.authorization ? { Authorization: headers.authorization } : {},
          ...signServerRequest(this.app, body)
        }
      });
    } catch (error) {
      const timedOut = error.name === "TimeoutError";
      return unavailable(timedOut ? `no answer within ${this.limits.serverAuthTimeoutMs} ms` : "endpoint unreachable");
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { ok: false, reason: "denied", status: response.status, detail: "the app refused this subscription" };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return unavailable(`endpoint answered ${response.status}`);
    }
    const text = await readLimited(response, this.limits.serverAuthMaxResponseBytes);
    if (text === void 0) return unavailable(`answer larger than ${this.limits.serverAuthMaxResponseBytes} bytes`);
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed.auth !== "string") return unavailable('answer has no "auth"');
      return { ok: true, auth: parsed.auth, channelData: typeof parsed.channel_data === "string" ? parsed.channel_data : void 0 };
    } catch {
      return unavailable("answer is not JSON");
    }
  }
};
async function readLimited(response, limit) {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > limit) {
    await response.body?.cancel();
    return void 0;
  }
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return void 0;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
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
  /**
   * With `keepMember`, a presence user's last connection leaves the member in place with no
   * connection (a grace period: a reload neither removes nor re-adds it); `releaseMember` ends it.
   */
  leave(subscriber, name, userId, keepMember = false) {
    const channel2 = this.channels.get(name);
    if (!channel2?.subscribers.delete(subscriber)) return void 0;
    let lastConnectionOfUser = false;
    if (userId !== void 0 && channel2.members) {
      const member = channel2.members.get(userId);
      if (member && --member.connections <= 0) {
        if (!keepMember) channel2.members.delete(userId);
        lastConnectionOfUser = true;
      }
    }
    const vacated = channel2.subscribers.size === 0;
    this.dropIfEmpty(channel2);
    return { channel: channel2, lastConnectionOfUser, vacated };
  }
  /** Ends a grace period: true when the member was still without a connection and is now gone. */
  releaseMember(name, userId) {
    const channel2 = this.channels.get(name);
    const member = channel2?.members?.get(userId);
    if (!channel2 || !member || member.connections > 0) return false;
    channel2.members?.delete(userId);
    this.dropIfEmpty(channel2);
    return true;
  }
  /** An empty channel keeps only what outlives subscribers: a cache channel's last event, members in grace. */
  dropIfEmpty(channel2) {
    if (channel2.subscribers.size === 0 && !channel2.lastEvent && !channel2.members?.size) this.channels.delete(channel2.name);
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
  /** Channels held (occupied or caching) and presence members across them. */
  totals() {
    let members = 0;
    for (const channel2 of this.channels.values()) members += channel2.members?.size ?? 0;
    return { channels: this.channels.size, members };
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
    for (const channel2 of this.channels.values()) {
      if (channel2.lastEvent && now - channel2.lastEventAt >= ttlMs) {
        channel2.lastEvent = void 0;
        this.dropIfEmpty(channel2);
      }
    }
  }
};

// src/adapter/adapter.ts
function whenAnswered(answer, ok, failed2) {
  if (answer instanceof Promise) answer.then(ok, failed2);
  else ok(answer);
}

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
function pongFrame(data) {
  const frame = Buffer.allocUnsafe(2 + data.length);
  frame[0] = 138;
  frame[1] = data.length;
  data.copy(frame, 2);
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
  const data = JSON.stringify(userInfo === void 0 ? { user_id: userId } : { user_id: userId, user_info: userInfo });
  return { kind: "member", json: JSON.stringify({ event: "pusher_internal:member_added", channel: channel2, data }) };
}
function memberRemoved(channel2, userId) {
  return { kind: "member", json: JSON.stringify({ event: "pusher_internal:member_removed", channel: channel2, data: JSON.stringify({ user_id: userId }) }) };
}
function subscriptionCount(channel2, count) {
  return { kind: "count", json: JSON.stringify({ event: "pusher_internal:subscription_count", channel: channel2, data: JSON.stringify({ subscription_count: count }) }) };
}
function cacheMiss(channel2) {
  return JSON.stringify({ event: "pusher:cache_miss", channel: channel2 });
}
function signinSuccess(userData) {
  return JSON.stringify({ event: "pusher:signin_success", data: { user_data: userData } });
}
function channelEvent(event, channel2, data, userId) {
  return { kind: "event", json: JSON.stringify(userId === void 0 ? { event, channel: channel2, data } : { event, channel: channel2, data, user_id: userId }) };
}
function discontinuity(channel2, reason, resumeFrom) {
  return JSON.stringify({
    event: schema.recovery.discontinuityEvent,
    channel: channel2,
    data: JSON.stringify({ reason, message: schema.recovery.reasons[reason], resume_from: resumeFrom })
  });
}

// src/channels/count-batcher.ts
var CountBatcher = class {
  constructor(app, channels2, adapter, events2) {
    this.app = app;
    this.channels = channels2;
    this.adapter = adapter;
    this.events = events2;
  }
  /** Channels whose subscription count changed this turn. */
  due = /* @__PURE__ */ new Set();
  changed(channel2) {
    if (!this.app.subscriptionCount || channel2.members) return;
    if (this.due.size === 0) setImmediate(() => this.send());
    this.due.add(channel2.name);
  }
  /** The count is the cluster's (a single node's own), and every node's subscribers are told it. */
  send() {
    const { app } = this;
    const adapter = this.adapter();
    for (const name of this.due) {
      const local = this.channels.get(name)?.subscribers.size ?? 0;
      whenAnswered(
        adapter.membership.countSubscriptions(app.id, name, local),
        (total) => {
          if (total > 0) void adapter.publish(app.id, name, subscriptionCount(name, total));
          this.events.emit("subscriptionCount", app, name, total);
        },
        // The broker is away: this node's own count is the best it can say.
        () => local > 0 && this.channels.get(name)?.broadcast(textFrame(subscriptionCount(name, local).json))
      );
    }
    this.due.clear();
  }
};

// src/channels/subscriptions.ts
var Subscriptions = class {
  constructor(adapter, events2) {
    this.adapter = adapter;
    this.events = events2;
  }
  /**
   * Subscribes and answers the client: success, presence snapshot, recovery replay, cache,
   * member_added. The adapter's membership decides occupied and member_added (each fires once
   * across nodes): at once for a single node, when the store answers for several.
   */
  subscribe(state, client, name, member, resume) {
    const { app } = state;
    const result = state.channels.join(client, name, member);
    const { channel: channel2 } = result;
    client.channels.set(name, member?.userId);
    const { membership } = this.adapter();
    const members = channel2.members;
    const newMember = member && result.firstConnectionOfUser ? member : void 0;
    const entering = result.occupied || newMember || members ? membership.enter(app.id, name, result.occupied, newMember, members !== void 0) : void 0;
    const cacheFresh = channel2.lastEvent !== void 0 && Date.now() - channel2.lastEventAt < app.limits.cacheTtlSeconds * 1e3;
    const cached = channel2.type.cache && !cacheFresh ? membership.cachedMessage(app.id, name) : void 0;
    if (cached instanceof Promise) cached.catch(() => void 0);
    if (!members) {
      client.sendText(subscriptionSucceeded(name));
      if (resume) state.recovery.replay(client, name, resume);
    }
    this.events.emit("subscribed", app, name, client.socketId);
    state.counts.changed(channel2);
    const stillSubscribed = () => !client.closing && client.channels.has(name);
    const entered = (answer) => {
      if (members && stillSubscribed()) {
        const all = answer?.members ?? new Map([...members].map(([id, m]) => [id, m.info]));
        const hash2 = {};
        for (const [id, info] of all) hash2[id] = info ?? null;
        client.sendText(subscriptionSucceeded(name, { ids: Object.keys(hash2), hash: hash2, count: all.size }));
        if (resume) state.recovery.replay(client, name, resume);
      }
      if (answer?.occupied) this.events.emit("channelOccupied", app, name);
      if (newMember && (answer ? answer.memberAdded : true)) {
        void this.adapter().publish(app.id, name, memberAdded(name, newMember.userId, newMember.info), client.socketId);
        if (answer) this.events.emit("memberAdded", app, name, newMember.userId);
      }
      if (!channel2.type.cache || !stillSubscribed()) return;
      if (cacheFresh && channel2.lastEvent) {
        client.send(channel2.lastEvent);
        return;
      }
      const cacheMiss2 = () => {
        client.sendText(cacheMiss(name));
        this.events.emit("cacheMiss", app, name);
      };
      whenAnswered(cached, (message) => message !== void 0 ? client.sendText(message) : cacheMiss2(), cacheMiss2);
    };
    const guarded = (answer) => {
      try {
        entered(answer);
      } catch (error) {
        process.emitWarning(`subscribe of ${name} failed: ${error.message}`);
      }
    };
    if (entering === void 0) entered(void 0);
    else if (entering instanceof Promise) entering.then(guarded, () => guarded(void 0));
    else entered(entering);
  }
  unsubscribe(state, client, name) {
    if (!client.channels.has(name)) return;
    const userId = client.channels.get(name);
    client.channels.delete(name);
    const { app } = state;
    const graceMs = app.limits.presenceLeaveGraceMs;
    const result = state.channels.leave(client, name, userId, graceMs > 0);
    if (!result) return;
    this.events.emit("unsubscribed", app, name, client.socketId);
    const adapter = this.adapter();
    const lastUser = userId !== void 0 && result.lastConnectionOfUser ? userId : void 0;
    if (lastUser !== void 0 && graceMs > 0) {
      setTimeout(() => {
        if (state.channels.releaseMember(name, lastUser)) this.memberLeft(app, name, lastUser);
      }, graceMs).unref();
      if (result.vacated) whenAnswered(adapter.membership.exit(app.id, name, true, void 0), (exited) => this.left(app, name, void 0, exited.vacated), () => {
      });
    } else if (result.vacated || lastUser !== void 0) {
      whenAnswered(
        adapter.membership.exit(app.id, name, result.vacated, lastUser),
        (exited) => this.left(app, name, exited.memberRemoved ? lastUser : void 0, exited.vacated),
        // The broker is away: this node's subscribers still learn it; the store catches up on reconnect.
        () => lastUser !== void 0 && adapter.publish(app.id, name, memberRemoved(name, lastUser))
      );
    }
    state.counts.changed(result.channel);
  }
  /** A presence member's grace period ended without it coming back: remove it, here and in the cluster. */
  memberLeft(app, name, userId) {
    const adapter = this.adapter();
    whenAnswered(
      adapter.membership.exit(app.id, name, false, userId),
      (exited) => this.left(app, name, exited.memberRemoved ? userId : void 0, false),
      () => adapter.publish(app.id, name, memberRemoved(name, userId))
    );
  }
  /** A member, or the channel, left the whole cluster (here, or with a node that died): announce once. */
  left(app, name, removedUserId, vacated) {
    if (removedUserId !== void 0) {
      void this.adapter().publish(app.id, name, memberRemoved(name, removedUserId));
      this.events.emit("memberRemoved", app, name, removedUserId);
    }
    if (vacated) this.events.emit("channelVacated", app, name);
  }
  /** The cluster had lost this node's member or channel (after an outage) and has it again. */
  entered(app, name, addedMember, occupied) {
    if (occupied) this.events.emit("channelOccupied", app, name);
    if (addedMember) {
      void this.adapter().publish(app.id, name, memberAdded(name, addedMember.userId, addedMember.info));
      this.events.emit("memberAdded", app, name, addedMember.userId);
    }
  }
};

// src/observe/observer.ts
var ObserverSink = class {
  observers = [];
  observe(observer) {
    this.observers.push(observer);
  }
  emit(name, ...args) {
    for (const observer of this.observers) {
      const callback = observer[name];
      callback?.apply(observer, args);
    }
  }
};

// src/recovery/recovery.ts
var serialPrefix = `,"${schema.recovery.serialField}":"`;
function newHistory(app, shared) {
  return new AppHistory(app.limits.recoveryWindowSeconds * 1e3, app.limits.recoveryMaxBytes, shared, entryOverheadBytes);
}
var AppRecovery = class {
  constructor(app, events2) {
    this.app = app;
    this.events = events2;
    this.history = app.recovery.enabled ? newHistory(app, false) : void 0;
  }
  /** Recent events, when the app has recovery on. */
  history;
  /** Recovery covers an app's channels except the prefixes it switched off, and never user channels. */
  covers(channel2) {
    return !isUserChannel(channel2) && !this.app.recovery.disabledPrefixes.some((prefix) => channel2.startsWith(prefix));
  }
  /** This node keeps a history for the channel: stamp() gives its events a serial, record() keeps them. */
  keeps(channel2) {
    return this.history !== void 0 && this.covers(channel2);
  }
  /**
   * Gives a published event its recovery serial, spliced into the serialised message once per
   * channel (never per recipient). Events on channels without recovery come back unchanged.
   */
  stamp(channel2, message) {
    if (!this.history || !this.covers(channel2)) return { message };
    const { seq, serial } = this.history.nextSerial();
    return { message: { kind: message.kind, json: `${message.json.slice(0, -1)}${serialPrefix}${serial}"}` }, seq };
  }
  record(channel2, seq, message, exceptSocketId) {
    this.history?.record(channel2, seq, message, exceptSocketId);
  }
  /** Sends what a resuming subscriber missed, in order, or tells it why it cannot. */
  replay(subscriber, name, resume) {
    const { app } = this;
    const replay = this.history && this.covers(name) ? this.history.since(name, resume.serial) : { ok: false, reason: "RECOVERY_DISABLED" };
    if (!replay.ok) {
      subscriber.sendText(discontinuity(name, replay.reason, resume.serial));
      this.events.emit("discontinuity", app, name, replay.reason);
      return;
    }
    const entries = replay.entries.filter((entry) => entry.exceptSocketId === void 0 || entry.exceptSocketId !== resume.previousSocketId);
    let bytes = 0;
    for (const entry of entries) bytes += Buffer.byteLength(entry.message) + 10;
    if (bytes > subscriber.outboundRoom()) {
      subscriber.sendText(discontinuity(name, "REPLAY_TOO_LARGE", resume.serial));
      this.events.emit("discontinuity", app, name, "REPLAY_TOO_LARGE");
      return;
    }
    let sent = 0;
    for (const entry of entries) {
      subscriber.sendText(entry.message);
      sent++;
    }
    this.events.emit("replayed", app, name, sent);
  }
  /**
   * Several nodes: every node records what the bus delivers under the publisher's serials, so the
   * epoch is the cluster's, and a serial from before this node's coverage is "not here", not unknown.
   */
  share() {
    if (this.history) this.history = newHistory(this.app, true);
  }
  /**
   * A node starting fresh takes the history the broker kept (`redis.history`): its entries, oldest
   * first, then what the bus delivered meanwhile; serials from `since` on resume here as if this node
   * had run all along (a client resuming after a restart gets what it missed).
   */
  seed(since, stored) {
    if (!this.history) return;
    const fresh = newHistory(this.app, true);
    const known = /* @__PURE__ */ new Set();
    for (const entry of stored) {
      fresh.record(entry.channel, entry.seq, entry.message, entry.exceptSocketId, Math.floor(entry.seq / 1e3));
      known.add(entry.seq);
    }
    const meanwhile = [...this.history.entries()].filter((entry) => !known.has(entry.seq)).sort((a, b) => a.seq - b.seq);
    for (const entry of meanwhile) fresh.record(entry.channel, entry.seq, entry.message, entry.exceptSocketId);
    fresh.vouchFrom(since);
    this.history = fresh;
  }
  /** The bus lost messages: no node-local history before now can be vouched for. */
  gap() {
    this.history?.gap();
  }
  /** Bytes held for recovery on this node. */
  get bytes() {
    return this.history?.bytes ?? 0;
  }
  expire(now) {
    this.history?.expire(now);
  }
};

// src/watchlist/messages.ts
function watchlistEvents(name, userIds) {
  return JSON.stringify({ event: "pusher_internal:watchlist_events", data: JSON.stringify({ events: [{ name, user_ids: userIds }] }) });
}

// src/watchlist/online-users.ts
var OnlineUsers = class {
  constructor(adapter, announce) {
    this.adapter = adapter;
    this.announce = announce;
  }
  /** App id → user id → this node's connections of that user. Bounded by the signed-in connections. */
  byApp = /* @__PURE__ */ new Map();
  users(appId) {
    let users2 = this.byApp.get(appId);
    if (!users2) {
      users2 = /* @__PURE__ */ new Map();
      this.byApp.set(appId, users2);
    }
    return users2;
  }
  /** A connection signed in as `userId`. */
  add(app, userId) {
    const users2 = this.users(app.id);
    const known = users2.get(userId);
    if (known) {
      known.connections++;
      clearTimeout(known.grace);
      known.grace = void 0;
      return;
    }
    users2.set(userId, { connections: 1, grace: void 0 });
    whenAnswered(
      this.adapter().membership.enter(app.id, onlineKey(userId), false, { userId, info: null }, false),
      (entered) => entered.memberAdded && this.announce(app, userId, true),
      // The broker is away: this node's watchers still learn it; the store catches up on reconnect.
      () => this.announce(app, userId, true)
    );
  }
  /** A connection signed in as `userId` closed or signed in as someone else. */
  remove(app, userId) {
    const user = this.byApp.get(app.id)?.get(userId);
    if (!user || --user.connections > 0) return;
    const graceMs = app.limits.presenceLeaveGraceMs;
    if (graceMs <= 0) {
      this.leave(app, userId);
      return;
    }
    user.grace = setTimeout(() => {
      if (user.connections <= 0) this.leave(app, userId);
    }, graceMs);
    user.grace.unref();
  }
  leave(app, userId) {
    const users2 = this.byApp.get(app.id);
    users2?.delete(userId);
    if (users2?.size === 0) this.byApp.delete(app.id);
    whenAnswered(
      this.adapter().membership.exit(app.id, onlineKey(userId), false, userId),
      (exited) => exited.memberRemoved && this.announce(app, userId, false),
      () => this.announce(app, userId, false)
    );
  }
  /** Of these users, those online through this node (a connection, or a grace period running). */
  localOnline(appId, userIds) {
    const users2 = this.byApp.get(appId);
    return users2 ? userIds.filter((id) => users2.has(id)) : [];
  }
  /** Every user online through this node. */
  *entries() {
    for (const [appId, users2] of this.byApp) {
      for (const userId of users2.keys()) yield { appId, channel: onlineKey(userId), userId, info: null };
    }
  }
};

// src/watchlist/watchers.ts
var Watchers = class {
  watchers = /* @__PURE__ */ new Map();
  /**
   * App id → watched user id → the connection watching them, or a set once there are several (most users
   * are watched by few: one entry, not a Set, per watched user keeps a watcher's cost near its id list).
   */
  byApp = /* @__PURE__ */ new Map();
  watcherCounts = /* @__PURE__ */ new Map();
  /** Starts watching `userIds`; false (and nothing kept) when the app is at its cap on this node. */
  add(connection, userIds) {
    this.remove(connection);
    const { app } = connection;
    const count = this.watcherCounts.get(app.id) ?? 0;
    if (count >= app.limits.maxWatchlistConnections) return false;
    this.watcherCounts.set(app.id, count + 1);
    this.watchers.set(connection, { app, userIds, changedDuringSync: /* @__PURE__ */ new Set() });
    let index = this.byApp.get(app.id);
    if (!index) {
      index = /* @__PURE__ */ new Map();
      this.byApp.set(app.id, index);
    }
    for (const id of userIds) {
      const watching = index.get(id);
      if (watching === void 0) index.set(id, connection);
      else if (watching instanceof Set) watching.add(connection);
      else if (watching !== connection) index.set(id, /* @__PURE__ */ new Set([watching, connection]));
    }
    return true;
  }
  /** Stops watching; true when the connection was a watcher. */
  remove(connection) {
    const watcher = this.watchers.get(connection);
    if (!watcher) return false;
    this.watchers.delete(connection);
    const appId = watcher.app.id;
    const remaining = (this.watcherCounts.get(appId) ?? 1) - 1;
    if (remaining > 0) this.watcherCounts.set(appId, remaining);
    else this.watcherCounts.delete(appId);
    const index = this.byApp.get(appId);
    if (!index) return true;
    for (const id of watcher.userIds) {
      const watching = index.get(id);
      if (watching === connection) index.delete(id);
      else if (watching instanceof Set) {
        watching.delete(connection);
        if (watching.size === 1) index.set(id, watching.values().next().value);
      }
    }
    if (index.size === 0) this.byApp.delete(appId);
    return true;
  }
  /** Queues `frame` (a change of `userId`) to this node's watchers of that user; answers how many. */
  deliver(appId, userId, frame) {
    const watching = this.byApp.get(appId)?.get(userId);
    if (watching === void 0) return 0;
    const connections = watching instanceof Set ? watching : [watching];
    for (const connection of connections) {
      this.watchers.get(connection)?.changedDuringSync?.add(userId);
      connection.send(frame);
    }
    return watching instanceof Set ? watching.size : 1;
  }
  /** The initial online set arrived: what of it is still news (undefined: the connection stopped watching). */
  synced(connection, online) {
    const watcher = this.watchers.get(connection);
    if (!watcher) return void 0;
    const changed = watcher.changedDuringSync;
    watcher.changedDuringSync = void 0;
    return changed && changed.size > 0 ? online.filter((id) => !changed.has(id)) : online;
  }
  counts(appId) {
    return { watchers: this.watcherCounts.get(appId) ?? 0, watchedUsers: this.byApp.get(appId)?.size ?? 0 };
  }
};

// src/watchlist/watchlist.ts
var Watchlist = class {
  constructor(adapter, events2) {
    this.adapter = adapter;
    this.events = events2;
    this.online = new OnlineUsers(adapter, (app, userId, online) => this.announce(app, userId, online));
  }
  online;
  watchers = new Watchers();
  /** A connection signed in as `userId` (with or without a watchlist of its own): the user is online. */
  signedIn(connection, userId) {
    this.online.add(connection.app, userId);
  }
  /** The connection signed in as `userId` closed, or signed in again. */
  signedOut(connection, userId) {
    if (this.watchers.remove(connection)) this.reportCounts(connection.app);
    this.online.remove(connection.app, userId);
  }
  /**
   * The signed-in connection watches `userIds` from now on and is sent the ones online now.
   * False when the app is at `maxWatchlistConnections` on this node (nothing watched).
   */
  watch(connection, userIds) {
    if (!this.watchers.add(connection, userIds)) return false;
    const { app } = connection;
    this.reportCounts(app);
    const send3 = (online) => {
      const news = this.watchers.synced(connection, online);
      if (news && news.length > 0 && !connection.closing) connection.sendText(watchlistEvents("online", news));
    };
    whenAnswered(this.adapter().membership.onlineUsers(app.id, userIds), send3, () => send3([]));
    return true;
  }
  /** A user left the whole cluster with a node that died (or the store lost them): tell the watchers. */
  clusterLeft(app, userId) {
    this.announce(app, userId, false);
  }
  /** The store had lost a user of this node (an outage) and has them again. */
  clusterEntered(app, userId) {
    this.announce(app, userId, true);
  }
  /** Is `name` one of the store records the watchlist keeps (not a channel)? */
  ownsRecord(name) {
    return isOnlineKey(name);
  }
  /**
   * A message the adapter delivers under `name`: a watchlist change is queued to this node's
   * watchers of that user (answers how many); undefined when `name` is not the watchlist's.
   */
  deliver(appId, name, json) {
    const userId = watchedUserOf(name);
    return userId === void 0 ? void 0 : this.watchers.deliver(appId, userId, textFrame(json));
  }
  localOnline(appId, userIds) {
    return this.online.localOnline(appId, userIds);
  }
  /** What this node holds in the store, for re-registering after an outage. */
  entries() {
    return this.online.entries();
  }
  announce(app, userId, online) {
    void this.adapter().publish(app.id, watchersKey(userId), { kind: "event", json: watchlistEvents(online ? "online" : "offline", [userId]) });
  }
  reportCounts(app) {
    const { watchers, watchedUsers } = this.watchers.counts(app.id);
    this.events.emit("watchlistChanged", app, watchers, watchedUsers);
  }
};

// src/hub.ts
var Hub = class {
  /** The observer sink: everything the core reports goes here (metrics, webhooks, the dashboard subscribe). */
  events = new ObserverSink();
  registry = new AppRegistry((app) => this.newState(app));
  /** The seam to the other nodes (local: none), made by the factory given to the constructor. */
  adapter;
  subscriptions = new Subscriptions(() => this.adapter, this.events);
  /** Pusher's watchlist: who is online, and the connections watching them. */
  watchlist = new Watchlist(() => this.adapter, this.events);
  constructor(apps, adapter) {
    for (const app of apps) this.registry.add(app);
    this.adapter = adapter(this);
  }
  newState(app) {
    const channels2 = new AppChannels();
    const counts2 = new CountBatcher(app, channels2, () => this.adapter, this.events);
    return { app, channels: channels2, counts: counts2, recovery: new AppRecovery(app, this.events), connections: /* @__PURE__ */ new Map(), users: /* @__PURE__ */ new Map() };
  }
  // ── reload (SIGHUP, deploy/reload.ts): apps come, change and go while the server runs ──────
  /** A new app: clients and the HTTP API find it at once. */
  addApp(app) {
    const state = this.registry.add(app);
    if (this.adapter.shared) state.recovery.share();
  }
  /** New settings for an app (same id), in effect for its open connections too; `closeWith`: it was disabled. */
  updateApp(app, closeWith) {
    if (this.registry.update(app, closeWith)) this.authorizers.delete(app.id);
  }
  /** An app no longer configured: unknown to new clients and the API; its connections closed with `closeWith`. */
  removeApp(id, closeWith) {
    if (this.registry.remove(id, closeWith)) this.authorizers.delete(id);
  }
  authorizers = /* @__PURE__ */ new Map();
  /** The app's server-side authorizer, when it has an auth endpoint. */
  authorizer(app) {
    if (!app.authEndpoint) return void 0;
    let authorizer = this.authorizers.get(app.id);
    if (!authorizer) {
      authorizer = new ServerSideAuthorizer(app, app.authEndpoint, (outcome) => this.events.emit("serverAuth", outcome));
      this.authorizers.set(app.id, authorizer);
    }
    return authorizer;
  }
  observe(observer) {
    this.events.observe(observer);
  }
  appByKey(key) {
    return this.registry.withKey(key)?.app;
  }
  appById(id) {
    return this.registry.withId(id)?.app;
  }
  get apps() {
    return [...this.registry.values()].map((s) => s.app);
  }
  state(app) {
    return this.registry.of(app);
  }
  socketIdInUse = (socketId) => {
    for (const state of this.registry.values()) if (state.connections.has(socketId)) return true;
    return false;
  };
  connectionCount(app) {
    if (app) return this.state(app).connections.size;
    let total = 0;
    for (const state of this.registry.values()) total += state.connections.size;
    return total;
  }
  *connections() {
    for (const state of this.registry.values()) yield* state.connections.values();
  }
  /** The transport accepted a frame from this client. */
  received(connection) {
    this.events.emit("received", connection.app, connection);
  }
  connect(connection) {
    this.state(connection.app).connections.set(connection.socketId, connection);
    this.events.emit("connected", connection.app, connection);
  }
  disconnect(connection) {
    const state = this.state(connection.app);
    if (!state.connections.delete(connection.socketId)) return;
    for (const channel2 of [...connection.channels.keys()]) this.unsubscribe(connection, channel2);
    if (connection.user) this.forgetUser(state, connection);
    this.events.emit("disconnected", connection.app, connection);
    this.registry.disconnected(state);
  }
  channel(app, name) {
    return this.state(app).channels.get(name);
  }
  /** Subscribes and answers the client: success, presence snapshot, cache replay, member_added. */
  subscribe(connection, name, member, resume) {
    this.subscriptions.subscribe(this.state(connection.app), connection, name, member, resume);
  }
  unsubscribe(connection, name) {
    this.subscriptions.unsubscribe(this.state(connection.app), connection, name);
  }
  /** `pusher:signin` succeeded: the connection now receives `#server-to-user-{id}`. */
  signIn(connection, userId, userData) {
    const state = this.state(connection.app);
    this.watchlist.signedIn(connection, userId);
    if (connection.user) this.forgetUser(state, connection);
    connection.user = { id: userId, userData };
    let set = state.users.get(userId);
    if (!set) {
      set = /* @__PURE__ */ new Set();
      state.users.set(userId, set);
    }
    set.add(connection);
    state.channels.join(connection, userChannel(userId));
  }
  /** The signed-in connection watches these users (its signed `watchlist`); false when the app is at its cap. */
  watch(connection, userIds) {
    return this.watchlist.watch(connection, userIds);
  }
  forgetUser(state, connection) {
    const user = connection.user;
    if (!user) return;
    const set = state.users.get(user.id);
    set?.delete(connection);
    if (set?.size === 0) state.users.delete(user.id);
    state.channels.leave(connection, userChannel(user.id));
    this.watchlist.signedOut(connection, user.id);
    connection.user = void 0;
  }
  /**
   * An event from the application (the HTTP API): serialised once per channel, given its recovery
   * serial, handed to the adapter. Rejects when the adapter could not pass it on (reported first).
   */
  async publish(app, event) {
    const state = this.state(app);
    const { recovery: recovery2 } = state;
    const pending = [];
    for (const channel2 of event.channels) {
      if (this.unheard(state, channel2)) {
        this.events.emit("delivered", state.app, channel2, 0, this.timeDeliveries ? performance.now() : 0);
        continue;
      }
      const { message, seq } = recovery2.stamp(channel2, channelEvent(event.name, channel2, event.data));
      const sent = this.adapter.publish(app.id, channel2, message, event.socketId, seq);
      if (sent) pending.push(sent);
    }
    if (pending.length > 0) {
      await Promise.all(pending).catch((error) => {
        this.events.emit("publishFailed", app.id);
        throw error;
      });
    }
    this.events.emit("httpPublished", app, event.channels, event.name, event.data, event.socketId);
  }
  /**
   * A publish nothing would come of: this node alone (no peer to pass it to), nobody here
   * subscribed, no recovery history or cache to keep it, not a user channel (the watchlist's `#`
   * channels are delivered their own way). Its message and frame are then never built; observers
   * still see the delivery to 0 recipients that deliver() reports.
   */
  unheard(state, name) {
    if (this.adapter.shared || name.charCodeAt(0) === 35) return false;
    if (state.channels.get(name)?.occupied) return false;
    return !channelType(name).cache && !state.recovery.keeps(name);
  }
  /** Several nodes: recovery history is the cluster's (see AppRecovery.share). */
  shareHistory() {
    for (const state of this.registry.values()) state.recovery.share();
  }
  /** The broker's stored history of an app (a node starting fresh, `redis.history`); see AppRecovery.seed. */
  seedHistory(appId, since, stored) {
    this.registry.withId(appId)?.recovery.seed(since, stored);
  }
  /** The bus lost messages: no node-local history before now can be vouched for. */
  historyGap() {
    for (const state of this.registry.values()) state.recovery.gap();
  }
  /** Bytes held for recovery by an app on this node. */
  historyBytes(app) {
    return this.state(app).recovery.bytes;
  }
  /** Local delivery of a published message: serialised by the caller, framed once here. `seq` records it for recovery. */
  deliver(appId, name, message, exceptSocketId, seq) {
    const state = this.registry.withId(appId);
    if (!state) return 0;
    if (name.charCodeAt(0) === 35) {
      const watchers = this.watchlist.deliver(appId, name, message.json);
      if (watchers !== void 0) return watchers;
    }
    const startedAt = this.timeDeliveries ? performance.now() : 0;
    const channel2 = state.channels.get(name);
    if (seq !== void 0) state.recovery.record(name, seq, message.json, exceptSocketId);
    const cached = message.kind === "event" && (channel2 ? channel2.type.cache : channelType(name).cache);
    const frame = cached || channel2?.occupied ? textFrame(message.json) : void 0;
    if (cached && frame) state.channels.remember(name, frame);
    const recipients = channel2 && frame ? channel2.broadcast(frame, exceptSocketId) : 0;
    this.events.emit("delivered", state.app, name, recipients, startedAt);
    return recipients;
  }
  /** Clock every delivery for the detailed metrics (`metrics.detailed`); off by default. */
  timeDeliveries = false;
  clientEvent(connection, channel2, event, data) {
    const userId = connection.channels.get(channel2);
    void this.adapter.publish(connection.app.id, channel2, channelEvent(event, channel2, data, userId), connection.socketId);
    this.events.emit("clientEvent", connection.app, channel2, event, data, connection.socketId, userId);
  }
  httpPublished(app, channels2, event, data, socketId) {
    this.events.emit("httpPublished", app, channels2, event, data, socketId);
  }
  /** What this node holds, for health checks and leak hunting. */
  stats() {
    const totals = { connections: 0, channels: 0, presenceMembers: 0, signedInUsers: 0, historyBytes: 0 };
    for (const state of this.registry.values()) {
      totals.connections += state.connections.size;
      totals.historyBytes += state.recovery.bytes;
      totals.signedInUsers += state.users.size;
      const counts2 = state.channels.totals();
      totals.channels += counts2.channels;
      totals.presenceMembers += counts2.members;
    }
    return totals;
  }
  expireCaches(now) {
    for (const state of this.registry.values()) {
      state.channels.expireCache(state.app.limits.cacheTtlSeconds * 1e3, now);
      state.recovery.expire(now);
    }
  }
  /** A member, or the channel, left the whole cluster (here, or with a node that died): announce once. */
  clusterLeft(appId, name, removedUserId, vacated) {
    const app = this.appById(appId);
    if (!app) return;
    if (this.watchlist.ownsRecord(name)) {
      if (removedUserId !== void 0) this.watchlist.clusterLeft(app, removedUserId);
    } else this.subscriptions.left(app, name, removedUserId, vacated);
  }
  /** The cluster had lost this node's member or channel (after an outage) and has it again. */
  clusterEntered(appId, name, addedMember, occupied) {
    const app = this.appById(appId);
    if (!app) return;
    if (this.watchlist.ownsRecord(name)) {
      if (addedMember) this.watchlist.clusterEntered(app, addedMember.userId);
    } else this.subscriptions.entered(app, name, addedMember, occupied);
  }
  /** Of these users, those signed in on this node (or in their grace period): the watchlist's answer for one node. */
  localOnlineUsers(appId, userIds) {
    return this.watchlist.localOnline(appId, userIds);
  }
  /** The watchlist's online users this node holds in the cluster's store (re-registered after an outage). */
  onlineEntries() {
    return this.watchlist.entries();
  }
  localChannels(appId, prefix) {
    const state = this.registry.withId(appId);
    if (!state) return [];
    return [...state.channels.occupied(prefix)].map((channel2) => ({ name: channel2.name, ...state.channels.counts(channel2) }));
  }
  localChannel(appId, name) {
    const state = this.registry.withId(appId);
    const channel2 = state?.channels.get(name);
    if (!state || !channel2) return { subscriptionCount: 0, ...name.startsWith("presence-") ? { userCount: 0 } : {} };
    return state.channels.counts(channel2);
  }
  localPresenceUsers(appId, name) {
    const members = this.registry.withId(appId)?.channels.members(name);
    return members ? [...members.keys()] : [];
  }
  terminateLocalUser(appId, userId) {
    const set = this.registry.withId(appId)?.users.get(userId);
    if (!set) return;
    for (const connection of [...set]) connection.closeWith(closeCode("UNAUTHORIZED"), "terminated by the server");
  }
};

// src/http/client-ip.ts
function normalise(ip) {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}
function clientIp(request2, trustedProxies) {
  const peer = normalise(request2.socket.remoteAddress ?? "");
  if (!trustedProxies.has(peer)) return peer;
  const header = request2.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map((h) => normalise(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!trustedProxies.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

// src/http/liveness.ts
function forwardedVerdict(req, trustedProxies) {
  if (req.headers["x-forwarded-for"] === void 0) return "none";
  const peer = req.socket.remoteAddress ?? "";
  return trustedProxies.has(peer.startsWith("::ffff:") ? peer.slice(7) : peer) ? "trusted" : "untrusted";
}
function livenessRoute(stats, more, trustedProxies = []) {
  const trusted = new Set(trustedProxies);
  return (req, res, path) => {
    if (req.method !== "GET" || path !== "/up" && path !== "/") return false;
    const headers = { "X-Pogo-Client-Ip": clientIp(req, trusted), "X-Pogo-Forwarded": forwardedVerdict(req, trusted) };
    sendJson(res, 200, { status: "ok", ...stats(), memory: { rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed }, ...more() }, headers);
    return true;
  };
}

// src/transport/handshake.ts
function checkHandshake(request2, findApp) {
  const target = request2.url ?? "/";
  const mark = target.indexOf("?");
  const match = /^\/app\/([^/]+)\/?$/.exec(mark < 0 ? target : target.slice(0, mark));
  if (!match) return { ok: false, refusal: closeCode("PATH_NOT_FOUND") };
  const key = safeDecode(match[1] ?? "");
  if (key === void 0) return { ok: false, refusal: closeCode("APP_NOT_FOUND"), detail: "the app key is not valid percent-encoding" };
  const protocol = new URLSearchParams(mark < 0 ? "" : target.slice(mark + 1)).get("protocol");
  if (protocol === null || protocol === "") return { ok: false, refusal: closeCode("NO_PROTOCOL_VERSION") };
  if (!/^\d+$/.test(protocol)) return { ok: false, refusal: closeCode("INVALID_VERSION_FORMAT") };
  const version2 = Number(protocol);
  if (version2 < protocolVersion.minVersion || version2 > protocolVersion.version) {
    return { ok: false, refusal: closeCode("UNSUPPORTED_PROTOCOL_VERSION"), detail: `protocol ${version2}; supported ${protocolVersion.minVersion}\u2013${protocolVersion.version}` };
  }
  const app = findApp(key);
  if (!app) return { ok: false, refusal: closeCode("APP_NOT_FOUND") };
  if (!app.enabled) return { ok: false, refusal: closeCode("APP_DISABLED") };
  const origin = request2.headers.origin;
  if (origin && !originAllowed(origin, app.allowedOrigins, request2.headers.host)) {
    return { ok: false, refusal: closeCode("ORIGIN_NOT_ALLOWED"), detail: origin.slice(0, 100) };
  }
  return { ok: true, app };
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return void 0;
  }
}
function originAllowed(origin, allowed, host) {
  if (allowed.length > 0) return allowed.includes("*") || allowed.includes(origin);
  try {
    return new URL(origin).hostname === new URL(`http://${host ?? ""}`).hostname;
  } catch {
    return false;
  }
}

// src/http/endpoint.ts
var Accepted = class {
  constructor(body) {
    this.body = body;
  }
};

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
  const name = params[0] ?? "";
  const info = infoList(query);
  const presence = channelType(name).kind === "presence";
  if (info.includes("user_count") && !presence) throw new ApiError("INVALID_QUERY", "user_count is only for presence channels");
  const counts2 = await adapter.channel(app.id, name);
  const body = { occupied: counts2.subscriptionCount > 0 };
  if (info.includes("user_count")) body.user_count = counts2.userCount ?? 0;
  if (info.includes("subscription_count")) body.subscription_count = counts2.subscriptionCount;
  return body;
};
var users = async ({ adapter }, { app, params }) => {
  const name = params[0] ?? "";
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
async function channelInfo(context, app, channels2, info) {
  const result = {};
  for (const channel2 of channels2) {
    const counts2 = await context.adapter.channel(app.id, channel2);
    const entry = {};
    if (info.includes("user_count") && counts2.userCount !== void 0) entry.user_count = counts2.userCount;
    if (info.includes("subscription_count")) entry.subscription_count = counts2.subscriptionCount;
    result[channel2] = entry;
  }
  return result;
}
var events = async (context, { app, body }) => {
  const event = validatePublish(app, parseJsonBody(body), "channels");
  await context.hub.publish(app, event);
  return event.info.length > 0 ? { channels: await channelInfo(context, app, event.channels, event.info) } : emptyAnswer;
};
var batchEvents = async (context, { app, body }) => {
  const { batch } = parseJsonBody(body);
  if (!Array.isArray(batch)) throw new ApiError("INVALID_PAYLOAD", '"batch" must be a list of events');
  if (batch.length > app.limits.maxBatchEvents) {
    throw new ApiError("BATCH_TOO_LARGE", `at most ${app.limits.maxBatchEvents} events`);
  }
  const events2 = batch.map((raw) => validatePublish(app, raw, "channel"));
  for (const event of events2) await context.hub.publish(app, event);
  if (!events2.some((e) => e.info.length > 0)) return emptyAnswer;
  const infos = [];
  for (const event of events2) {
    infos.push(event.info.length > 0 ? (await channelInfo(context, app, event.channels, event.info))[event.channels[0] ?? ""] : {});
  }
  return { batch: infos };
};

// src/http/endpoints/users.ts
var terminateConnections = async ({ adapter }, { app, params }) => {
  await adapter.terminateUser(app.id, params[0] ?? "");
  return {};
};

// src/http/endpoints/restart.ts
var maxReasonLength = 200;
function reasonOf(body) {
  if (body.length === 0) return void 0;
  const { reason } = parseJsonBody(body);
  if (reason === void 0 || reason === null) return void 0;
  if (typeof reason !== "string" || reason.length > maxReasonLength) {
    throw new ApiError("INVALID_PAYLOAD", `"reason" must be a string of at most ${maxReasonLength} characters`);
  }
  return reason.replace(new RegExp("\\p{Cc}", "gu"), " ");
}
var restart = async ({ adapter }, { app, body }) => {
  const reason = reasonOf(body);
  await adapter.restartAll(app.id, reason);
  return new Accepted({ restarting: true });
};

// src/http/query.ts
var RequestQuery = class _RequestQuery {
  constructor(keys, values) {
    this.keys = keys;
    this.values = values;
  }
  static parse(raw) {
    if (raw.includes("%") || raw.includes("+") || raw.startsWith("?")) {
      const keys2 = [];
      const values2 = [];
      for (const [key, value] of new URLSearchParams(raw)) {
        keys2.push(key);
        values2.push(value);
      }
      return new _RequestQuery(keys2, values2);
    }
    const keys = [];
    const values = [];
    let start = 0;
    while (start <= raw.length) {
      let end = raw.indexOf("&", start);
      if (end < 0) end = raw.length;
      if (end > start) {
        const eq = raw.indexOf("=", start);
        if (eq < 0 || eq > end) {
          keys.push(raw.slice(start, end));
          values.push("");
        } else {
          keys.push(raw.slice(start, eq));
          values.push(raw.slice(eq + 1, end));
        }
      }
      start = end + 1;
    }
    return new _RequestQuery(keys, values);
  }
  /** The first value of `name`, as URLSearchParams.get answers. */
  get(name) {
    const i = this.keys.indexOf(name);
    return i < 0 ? null : this.values[i];
  }
  /**
   * The string the Pusher HTTP API signs: METHOD, path and every pair but auth_signature, keys
   * lower-cased and sorted (stable: equal keys keep their order), values as decoded, joined by `&`.
   */
  signingString(method, path) {
    const pairs2 = [];
    const keys = [];
    let sorted = true;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i].toLowerCase();
      if (key === "auth_signature") continue;
      if (keys.length > 0 && key < keys[keys.length - 1]) sorted = false;
      keys.push(key);
      pairs2.push(`${key}=${this.values[i]}`);
    }
    if (!sorted) {
      const order = keys.map((_, i) => i).sort((a, b) => {
        const ka = keys[a];
        const kb = keys[b];
        return ka < kb ? -1 : ka > kb ? 1 : a - b;
      });
      return `${method.toUpperCase()}
${path}
${order.map((i) => pairs2[i]).join("&")}`;
    }
    return `${method.toUpperCase()}
${path}
${pairs2.join("&")}`;
  }
};

// src/http/request-auth.ts
var import_node_crypto6 = require("crypto");
function verifyQuery(app, request2, nowSeconds = Date.now() / 1e3) {
  const { query } = request2;
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
  const expected = hmacHex(app.secret, query.signingString(request2.method, request2.path));
  if (!safeEqual(expected, signature.toLowerCase())) throw new ApiError("INVALID_SIGNATURE");
}
function verifyBody(query, body) {
  if (body.length > 0) {
    const md5 = query.get("body_md5");
    if (!md5) throw new ApiError("MISSING_AUTH", "body_md5 is required with a body");
    if (!safeEqual((0, import_node_crypto6.hash)("md5", body, "hex"), md5.toLowerCase())) throw new ApiError("BODY_MD5_MISMATCH");
  }
}

// src/http/router.ts
var routes = [
  { method: "POST", pattern: /^\/apps\/([^/]+)\/events$/, endpoint: events },
  { method: "POST", pattern: /^\/apps\/([^/]+)\/batch_events$/, endpoint: batchEvents },
  { method: "GET", pattern: /^\/apps\/([^/]+)\/channels$/, endpoint: channels },
  { method: "GET", pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)$/, endpoint: channel },
  { method: "GET", pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)\/users$/, endpoint: users },
  { method: "POST", pattern: /^\/apps\/([^/]+)\/users\/([^/]+)\/terminate_connections$/, endpoint: terminateConnections },
  { method: "POST", pattern: /^\/apps\/([^/]+)\/restart$/, endpoint: restart }
];
var failuresPerSecondPerIp = 10;
var failureBurstPerIp = 50;
function toApiError(error) {
  if (error instanceof ApiError) return error;
  if (error instanceof BrokerError) return new ApiError("BROKER_FAILURE", error.message);
  return new ApiError("INTERNAL");
}
var emptyOk = Object.freeze({ status: 200, body: "{}" });
var ApiRouter = class {
  constructor(context, trustedProxies = []) {
    this.context = context;
    this.trustedProxies = new Set(trustedProxies);
    for (const app of context.hub.apps) {
      if (app.limits.httpRequestsPerSecond > 0) {
        this.buckets.set(app.id, new TokenBucket(app.limits.httpRequestsPerSecond, app.limits.httpRequestBurst));
      }
    }
  }
  plain = [];
  /** Per app: authentic requests a second, refused with 429 beyond the burst. */
  buckets = /* @__PURE__ */ new Map();
  /** Per client address: requests that failed authentication. */
  failures = new BucketMap(failuresPerSecondPerIp, failureBurstPerIp);
  failuresPruned = Date.now();
  trustedProxies;
  /** Requests taken and not yet answered: a graceful stop lets them finish before clients are closed. */
  inFlight = 0;
  /** Once a stop began, API calls are refused (503), never accepted and then delivered to nobody. */
  stopping = false;
  addPlainRoute(route) {
    this.plain.push(route);
  }
  /** From now on API calls are answered 503 SHUTTING_DOWN, with the connection closed. */
  stop() {
    this.stopping = true;
  }
  /** A request Node's `http` read: the plain routes first (outside /apps/), then the API. */
  async handle(req, res) {
    const target = req.url ?? "/";
    const mark = target.indexOf("?");
    const path = mark < 0 ? target : target.slice(0, mark);
    if (!path.startsWith("/apps/") && await this.plainRoute(req, res, path)) return;
    const answer = await this.answer({
      head: req,
      readBody: (limit) => readBody(req, limit),
      skipBody: () => req.resume()
    });
    if (answer === emptyOk) sendEmptyAnswer(res);
    else send(res, answer.status, "application/json", answer.body, answer.close ? { ...answer.headers, Connection: "close" } : answer.headers);
  }
  async plainRoute(req, res, path) {
    try {
      for (const route of this.plain) if (await route(req, res, path)) return true;
      return false;
    } catch (error) {
      if (res.headersSent) res.end();
      else sendError(res, toApiError(error));
      return true;
    }
  }
  /** The API's answer to one request; never throws (a refusal is reported to the observers and answered). */
  async answer(exchange) {
    const { head } = exchange;
    this.inFlight++;
    try {
      if (this.stopping) throw new ApiError("SHUTTING_DOWN");
      return await this.route(exchange);
    } catch (error) {
      exchange.skipBody();
      const apiError = toApiError(error);
      const status = publishStatus(apiError.statusName);
      const appId = /^\/apps\/([^/?]+)/.exec(head.url)?.[1];
      this.context.hub.events.emit("refused", { kind: "http", appId, code: status.http, name: status.name, message: apiError.message, url: head.url.split("?")[0] });
      return {
        status: status.http,
        body: JSON.stringify(errorBody(apiError)),
        headers: apiError.headers,
        // The rest of an oversized body is drained, not kept, and a stopping server takes no more.
        close: apiError.statusName === "BODY_TOO_LARGE" || apiError.statusName === "SHUTTING_DOWN"
      };
    } finally {
      this.inFlight--;
    }
  }
  async route(exchange) {
    const { head } = exchange;
    const target = head.url;
    const mark = target.indexOf("?");
    const path = mark < 0 ? target : target.slice(0, mark);
    const query = RequestQuery.parse(mark < 0 ? "" : target.slice(mark + 1));
    let matched;
    let pathMatched = false;
    for (const route of routes) {
      const match2 = route.pattern.exec(path);
      if (!match2) continue;
      pathMatched = true;
      if (route.method === head.method) {
        matched = { route, match: match2 };
        break;
      }
    }
    if (!matched) throw new ApiError(pathMatched ? "METHOD_NOT_ALLOWED" : "NOT_FOUND", `${head.method} ${path}`);
    const { match } = matched;
    const appId = safeDecode(match[1] ?? "");
    const params = match.length > 2 ? match.slice(2).map((p) => safeDecode(p)) : [];
    if (appId === void 0 || params.includes(void 0)) throw new ApiError("INVALID_PATH", "a malformed % escape");
    const app = this.context.hub.appById(appId);
    if (!app) throw new ApiError("UNKNOWN_APP");
    try {
      verifyQuery(app, { method: head.method, path, query });
    } catch (error) {
      this.failedAuthentication(head);
      throw error;
    }
    const bucket = this.bucketOf(app);
    if (bucket && !bucket.take()) {
      throw new ApiError("RATE_LIMITED", `at most ${app.limits.httpRequestsPerSecond} requests a second`, { "Retry-After": String(bucket.retryAfter()) });
    }
    const body = await exchange.readBody(app.limits.maxHttpBodyBytes);
    verifyBody(query, body);
    if (!app.enabled) throw new ApiError("APP_DISABLED");
    const result = await matched.route.endpoint(this.context, {
      app,
      params,
      query,
      body
    });
    if (result === emptyAnswer) return emptyOk;
    if (result instanceof Accepted) return { status: 202, body: JSON.stringify(result.body) };
    return { status: 200, body: JSON.stringify(result) };
  }
  /** The app's request bucket; made on first use for an app added by a reload (SIGHUP). */
  bucketOf(app) {
    let bucket = this.buckets.get(app.id);
    if (!bucket && app.limits.httpRequestsPerSecond > 0) {
      bucket = new TokenBucket(app.limits.httpRequestsPerSecond, app.limits.httpRequestBurst);
      this.buckets.set(app.id, bucket);
    }
    return bucket;
  }
  /** Charges the client address's failure bucket; once it is empty, failures are answered 429. */
  failedAuthentication(head) {
    const now = Date.now();
    if (now - this.failuresPruned > 1e4) {
      this.failures.prune(now);
      this.failuresPruned = now;
    }
    const ip = clientIp(head, this.trustedProxies);
    if (this.failures.take(ip, now)) return;
    throw new ApiError("RATE_LIMITED", `at most ${failuresPerSecondPerIp} failed authentications a second from one address`, { "Retry-After": String(this.failures.retryAfter(ip)) });
  }
};

// src/http/api-connections.ts
var import_node_http3 = require("http");

// src/fallback/session-path.ts
var pattern = /\/app\/([^/]+)\/([^/]+)\/([^/]+)\/(xhr_streaming|xhr_send|xhr)$/;
var segment = /^[A-Za-z0-9_-]{1,64}$/;
function parseSessionPath(path) {
  if (!path.endsWith("/xhr") && !path.endsWith("/xhr_streaming") && !path.endsWith("/xhr_send")) return void 0;
  const match = pattern.exec(path);
  if (!match) return void 0;
  const key = safeDecode(match[1] ?? "");
  const server = match[2] ?? "";
  const session = match[3] ?? "";
  if (key === void 0 || !segment.test(server) || !segment.test(session)) return false;
  return { key, session: `${server}/${session}`, kind: match[4] };
}

// src/http/request-head.ts
var maxHeadBytes = 16 * 1024;
var maxHeldBodyBytes = 64 * 1024;
var prefixes = [Buffer.from("POST /apps/"), Buffer.from("GET /apps/")];
var tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
var targetPattern = /^\/apps\/[\x21-\x7e]*$/;
var valuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;
var isOws = (code) => code === 32 || code === 9;
var headEnd = Buffer.from("\r\n\r\n");
var lengthPattern = /^\d{1,9}$/;
var firstWins = /* @__PURE__ */ new Set(["age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host", "if-modified-since", "if-unmodified-since", "last-modified", "location", "max-forwards", "proxy-authorization", "referer", "retry-after", "server", "user-agent"]);
var leftToNode = /* @__PURE__ */ new Set(["transfer-encoding", "expect", "upgrade"]);
function startsLikeOurs(bytes) {
  for (const prefix of prefixes) {
    const n = Math.min(prefix.length, bytes.length);
    if (bytes.compare(prefix, 0, n, 0, n) === 0) return true;
  }
  return false;
}
function readRequestHead(bytes) {
  if (!startsLikeOurs(bytes)) return "elsewhere";
  const end = bytes.indexOf(headEnd);
  if (end < 0) return bytes.length >= maxHeadBytes ? "elsewhere" : "incomplete";
  if (end + 4 > maxHeadBytes) return "elsewhere";
  const head = bytes.toString("latin1", 0, end);
  let lineEnd = head.indexOf("\r\n");
  if (lineEnd < 0) return "elsewhere";
  const firstSpace = head.indexOf(" ");
  const secondSpace = head.indexOf(" ", firstSpace + 1);
  if (secondSpace < 0 || secondSpace > lineEnd || head.slice(secondSpace + 1, lineEnd) !== "HTTP/1.1") return "elsewhere";
  const method = head.slice(0, firstSpace);
  const url = head.slice(firstSpace + 1, secondSpace);
  if (!targetPattern.test(url)) return "elsewhere";
  const mark = url.indexOf("?");
  if (parseSessionPath(mark < 0 ? url : url.slice(0, mark)) !== void 0) return "elsewhere";
  const headers = {};
  let lengths = 0;
  for (let start = lineEnd + 2; start < end; start = lineEnd + 2) {
    lineEnd = head.indexOf("\r\n", start);
    if (lineEnd < 0) lineEnd = end;
    const colon = head.indexOf(":", start);
    if (colon <= start || colon > lineEnd) return "elsewhere";
    const name = head.slice(start, colon).toLowerCase();
    if (!tokenPattern.test(name) || leftToNode.has(name)) return "elsewhere";
    let from = colon + 1;
    let to = lineEnd;
    while (from < to && isOws(head.charCodeAt(from))) from++;
    while (to > from && isOws(head.charCodeAt(to - 1))) to--;
    const value = head.slice(from, to);
    if (!valuePattern.test(value)) return "elsewhere";
    if (name === "content-length") lengths++;
    const before = headers[name];
    if (before === void 0) headers[name] = value;
    else if (name === "host" || name === "set-cookie") return "elsewhere";
    else if (!firstWins.has(name)) headers[name] = `${before}${name === "cookie" ? "; " : ", "}${value}`;
  }
  if (headers.host === void 0) return "elsewhere";
  const length = headers["content-length"] ?? "0";
  if (lengths > 1 || !lengthPattern.test(length)) return "elsewhere";
  const bodyLength = Number(length);
  if (bodyLength > maxHeldBodyBytes) return "elsewhere";
  let close = false;
  const connection = headers.connection?.toLowerCase();
  if (connection !== void 0) {
    if (connection === "close") close = true;
    else if (connection !== "keep-alive") return "elsewhere";
  }
  return { method, url, headers, bodyStart: end + 4, bodyLength, close };
}

// src/http/api-connections.ts
var maxHeldBytes = maxHeadBytes + maxHeldBodyBytes;
var requestTimedOut = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
var clockSecond = 0;
var httpDate = "";
var emptyOkAnswer = "";
function tick(now) {
  const second = Math.floor(now / 1e3);
  if (second === clockSecond) return;
  clockSecond = second;
  httpDate = new Date(now).toUTCString();
  emptyOkAnswer = answerBytes(emptyOk, false, now);
}
function answerBytes(answer, close, now) {
  tick(now);
  let head = `HTTP/1.1 ${answer.status} ${import_node_http3.STATUS_CODES[answer.status] ?? "Unknown"}\r
Content-Type: application/json\r
Content-Length: ${Buffer.byteLength(answer.body)}\r
Date: ${httpDate}\r
`;
  if (answer.headers) for (const name in answer.headers) head += `${name}: ${answer.headers[name]}\r
`;
  return `${head}${close ? "Connection: close\r\n" : `Connection: keep-alive\r
Keep-Alive: timeout=${keepAliveTimeoutMs / 1e3}\r
`}\r
${answer.body}`;
}
function emptyOkBytes(now) {
  tick(now);
  return emptyOkAnswer;
}
var HeldConnection = class {
  constructor(socket, owner, now) {
    this.socket = socket;
    this.owner = owner;
    this.deadline = now + headersTimeoutMs;
  }
  /** Bytes read and not yet taken as a request. */
  buffered;
  /** An answer is pending: requests behind it wait. */
  busy = false;
  /** When the sweep acts, and how: `408` a request (or a fresh connection) that is too slow, `idle` a kept-alive one. */
  deadline;
  expiry = "408";
  /** When the request being received began (its head's deadline and the whole request's). */
  requestStarted = 0;
  /** The request being answered, while its body is still in (or arriving into) what is held. */
  unread;
  /** The router asked for a body that has not all arrived yet. */
  waiting;
  onData = (chunk) => this.owner.received(this, chunk);
  onGone = () => this.owner.forget(this);
  /** The client sent its FIN (the port allows half-open sockets): the answer pending is its last. */
  ended = false;
  onEnd = () => this.owner.ended(this);
  /** A read is scheduled for after this turn's poll phase. */
  queued = false;
  onTurn = () => this.owner.turn(this);
};
var ApiConnections = class {
  /** Takes the server's connections before Node's `http` sees them; `secure`: the server is https. */
  constructor(server, router, secure) {
    this.server = server;
    this.router = router;
    this.event = secure ? "secureConnection" : "connection";
    const listeners = server.listeners(this.event);
    if (listeners.length !== 1) throw new Error(`expected Node's own ${this.event} listener alone, found ${listeners.length}`);
    this.nodeListener = listeners[0];
    server.removeListener(this.event, this.nodeListener);
    server.on(this.event, (socket) => guard("http", () => this.take(socket), () => socket.destroy()));
    this.sweepTimer = setInterval(() => this.sweep(), 1e3);
    this.sweepTimer.unref();
  }
  held = /* @__PURE__ */ new Set();
  nodeListener;
  event;
  sweepTimer;
  closing = false;
  take(socket) {
    const held = new HeldConnection(socket, this, Date.now());
    this.held.add(held);
    socket.on("data", held.onData);
    socket.on("error", held.onGone);
    socket.on("close", held.onGone);
    socket.on("end", held.onEnd);
  }
  /** A chunk from a held connection: answer every whole request in what is held, in order. */
  received(held, chunk) {
    held.buffered = held.buffered ? Buffer.concat([held.buffered, chunk]) : chunk;
    if (held.requestStarted === 0) held.requestStarted = Date.now();
    if (held.buffered.length > maxHeldBytes) held.socket.pause();
    if (held.busy && !held.waiting) return;
    if (!held.queued) {
      held.queued = true;
      setImmediate(held.onTurn);
    }
  }
  /** After the poll phase: the next request, or the body a request waits for. */
  turn(held) {
    held.queued = false;
    if (!this.held.has(held)) return;
    const { unread, waiting } = held;
    if (!held.busy) guard("http", () => this.next(held, Date.now()), () => held.socket.destroy());
    else if (unread && waiting && held.buffered && held.buffered.length >= unread.bodyStart + unread.bodyLength) {
      held.waiting = void 0;
      waiting.resolve(this.takeRequest(held, unread, Date.now()));
    }
  }
  /** Takes the next request out of what is held, if its head is whole and it is one for this reader. */
  next(held, now) {
    const bytes = held.buffered;
    if (!bytes && held.ended) return this.finish(held);
    if (!bytes) {
      held.expiry = "idle";
      held.deadline = now + keepAliveTimeoutMs;
      return;
    }
    const head = readRequestHead(bytes);
    if (head === "elsewhere") {
      this.handOff(held);
      return;
    }
    held.expiry = "408";
    if (head === "incomplete") {
      if (held.ended) return this.finish(held);
      held.deadline = held.requestStarted + headersTimeoutMs;
      return;
    }
    held.deadline = held.requestStarted + requestTimeoutMs;
    held.busy = true;
    held.unread = head;
    const whole = bytes.length >= head.bodyStart + head.bodyLength;
    const exchange = {
      head: { method: head.method, url: head.url, headers: head.headers, socket: held.socket },
      // The signature is checked before the body is asked for, so an unsigned request is refused before its body arrives.
      readBody: (limit) => {
        if (head.bodyLength > limit) throw new ApiError("BODY_TOO_LARGE", `at most ${limit} bytes`);
        if (held.unread !== head) throw new Error("the body was already taken");
        return whole ? this.takeRequest(held, head, now) : new Promise((resolve, reject) => held.waiting = { resolve, reject });
      },
      skipBody: () => void 0
    };
    return this.router.answer(exchange).then((answer) => this.answered(held, head, answer));
  }
  /** The request's body, out of what is held; what follows it stays held. */
  takeRequest(held, head, now) {
    const bytes = held.buffered;
    const end = head.bodyStart + head.bodyLength;
    held.buffered = end === bytes.length ? void 0 : bytes.subarray(end);
    held.requestStarted = held.buffered ? now : 0;
    held.unread = void 0;
    return bytes.subarray(head.bodyStart, end);
  }
  answered(held, head, answer) {
    if (!this.held.has(held)) return;
    const { socket } = held;
    const now = Date.now();
    held.busy = false;
    let close = head.close || answer.close === true || this.closing || held.ended;
    if (held.unread) {
      if (held.buffered && held.buffered.length >= head.bodyStart + head.bodyLength) this.takeRequest(held, head, now);
      else close = true;
    }
    if (close) {
      this.finish(held, answerBytes(answer, true, now));
      return;
    }
    if (!socket.write(answer === emptyOk ? emptyOkBytes(now) : answerBytes(answer, false, now))) {
      held.busy = true;
      socket.once("drain", () => {
        held.busy = false;
        this.readOn(held);
      });
      return;
    }
    this.readOn(held);
  }
  readOn(held) {
    if (held.socket.isPaused()) held.socket.resume();
    guard("http", () => this.next(held, Date.now()), () => held.socket.destroy());
  }
  /** Node's `http` takes the connection from here on, with what was read of it. */
  handOff(held) {
    const { socket } = held;
    this.forget(held);
    socket.pause();
    if (held.buffered) socket.unshift(held.buffered);
    this.nodeListener.call(this.server, socket);
    socket.resume();
  }
  /** The client will send nothing more: end now, or after the answer pending. */
  ended(held) {
    held.ended = true;
    if (!held.busy && !held.queued) this.finish(held);
  }
  /**
   * This reader ends the connection: `last` written, then closed once it is out, as Node's http
   * does (the port allows half-open sockets, so end() alone would leave one the client never closes).
   */
  finish(held, last) {
    this.release(held);
    if (last !== void 0) held.socket.end(last);
    held.socket.destroySoon();
    return void 0;
  }
  /** The connection is gone (closed, or failed): nothing more to do for it. */
  forget(held) {
    if (!this.held.delete(held)) return;
    held.waiting?.reject(new Error("the connection ended before the body arrived"));
    held.waiting = void 0;
    held.socket.removeListener("data", held.onData);
    held.socket.removeListener("error", held.onGone);
    held.socket.removeListener("close", held.onGone);
    held.socket.removeListener("end", held.onEnd);
  }
  /** This reader is done with the connection and ends it itself; a late socket error is of no interest. */
  release(held) {
    this.forget(held);
    held.socket.on("error", ignoreError);
  }
  sweep(now = Date.now()) {
    for (const held of this.held) {
      if (held.busy && !held.waiting || now < held.deadline) continue;
      if (held.expiry === "idle") {
        this.release(held);
        held.socket.destroy();
      } else this.finish(held, requestTimedOut);
    }
  }
  /** The stop: kept-alive connections waiting for a request end now; one with an answer pending ends after it. */
  close() {
    this.closing = true;
    for (const held of this.held) {
      if (held.busy) continue;
      this.release(held);
      held.socket.destroy();
    }
  }
  /** The stop's deadline: every connection still held is cut. */
  destroyAll() {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const held of this.held) {
      this.release(held);
      held.socket.destroy();
    }
  }
};
function ignoreError() {
}

// src/transport/websocket-server.ts
var import_node_crypto8 = require("crypto");
var import_node_http4 = require("http");

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
function refuse(connection, name, detail, channel2) {
  const entry = errorCode(name);
  connection.events.emit("refused", { kind: "message", appId: connection.app.id, code: entry.code, name, message: entry.message, detail, socketId: connection.socketId, channel: channel2 });
  connection.sendText(codedError(entry, detail));
}
function refuseSubscription(connection, channel2, type, status, name, detail) {
  const entry = errorCode(name);
  connection.sendText(subscriptionError(channel2, type, `${entry.message}: ${detail}`, status, entry.code));
  refuse(connection, name, `${detail} (${channel2})`, channel2);
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

// src/watchlist/parse.ts
function parseWatchlist(user, limits2) {
  const list = user.watchlist;
  if (list === void 0 || list === null) return { ok: true, userIds: void 0 };
  if (!Array.isArray(list)) return { ok: false, code: "SIGNIN_FAILED", detail: "user_data.watchlist must be an array of user ids" };
  if (list.length > limits2.maxWatchlistSize) {
    return { ok: false, code: "WATCHLIST_TOO_LARGE", detail: `${list.length} user ids, at most ${limits2.maxWatchlistSize}` };
  }
  const ids = /* @__PURE__ */ new Set();
  for (const item of list) {
    const id = typeof item === "number" && Number.isSafeInteger(item) ? String(item) : item;
    if (typeof id !== "string" || id.length === 0 || id.length > limits2.maxUserIdLength) {
      return { ok: false, code: "SIGNIN_FAILED", detail: `user_data.watchlist holds ${JSON.stringify(item)?.slice(0, 40) ?? String(item)}: each must be a user id string (1 to ${limits2.maxUserIdLength} characters) or an integer` };
    }
    ids.add(id);
  }
  return { ok: true, userIds: [...ids] };
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
  if (connection.user?.userData === userData) {
    connection.sendText(signinSuccess(userData));
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
  const watchlist = parseWatchlist(user, app.limits);
  if (!watchlist.ok) {
    refuse(connection, watchlist.code, watchlist.detail);
    return;
  }
  hub.signIn(connection, id, userData);
  connection.sendText(signinSuccess(userData));
  if (watchlist.userIds && watchlist.userIds.length > 0 && !hub.watch(connection, watchlist.userIds)) {
    refuse(connection, "WATCHLIST_FULL", `${app.limits.maxWatchlistConnections} connections of this app already watch users on this server`);
  }
}

// src/client/subscribe.ts
async function subscribe(hub, connection, data) {
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
    if (typeof name === "string") refuseSubscription(connection, name, "InvalidChannel", 400, "INVALID_CHANNEL", problem ?? "invalid channel name");
    else refuse(connection, "INVALID_CHANNEL", problem);
    return;
  }
  if (!connection.subscribeAllowed()) {
    refuseSubscription(connection, name, "LimitReached", 429, "SUBSCRIBE_RATE_LIMIT", `at most ${limits2.subscribesPerSecond} a second (bursts of ${limits2.subscribeBurst})`);
    return;
  }
  const { kind } = channelType(name);
  if (alreadySubscribedOrFull(connection, name, kind)) return;
  let auth = stringField(data, "auth");
  let channelData = kind === "presence" ? stringField(data, "channel_data") : void 0;
  const authorizer = hub.authorizer(app);
  if (requiresAuth(kind) && !auth && authorizer && kind !== "encrypted") {
    const slots = connection.authorizationSlots();
    if (!await slots.acquire()) {
      refuseSubscription(connection, name, "LimitReached", 429, "SUBSCRIBE_RATE_LIMIT", `too many authorizations waiting on this connection`);
      return;
    }
    let result;
    try {
      if (connection.closing) return;
      result = await authorizer.authorize(connection.socketId, name, connection.headers);
    } finally {
      slots.release();
    }
    if (connection.closing) return;
    if (!result.ok) {
      const code = result.reason === "denied" ? "SUBSCRIPTION_UNAUTHORIZED" : "SERVER_AUTH_UNAVAILABLE";
      refuseSubscription(connection, name, "AuthError", result.status, code, result.detail);
      return;
    }
    auth = result.auth;
    if (kind === "presence") channelData = result.channelData;
    if (alreadySubscribedOrFull(connection, name, kind)) return;
  }
  let member;
  if (requiresAuth(kind)) {
    if (!verifyAuth(auth, app.key, app.secret, channelAuthString(connection.socketId, name, channelData))) {
      const detail = auth === void 0 ? "no auth given" : "signature does not match";
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
  const resumeFrom = stringField(data, schema.recovery.resumeField);
  const resume = resumeFrom ? { serial: resumeFrom, previousSocketId: stringField(data, schema.recovery.previousSocketField) } : void 0;
  hub.subscribe(connection, name, member, resume);
}
function alreadySubscribedOrFull(connection, name, kind) {
  if (connection.channels.has(name)) {
    if (kind !== "presence") connection.sendText(subscriptionSucceeded(name));
    return true;
  }
  const max = connection.app.limits.maxChannelsPerConnection;
  if (connection.channels.size >= max) {
    refuseSubscription(connection, name, "LimitReached", 429, "TOO_MANY_CHANNELS", `at most ${max}`);
    return true;
  }
  return false;
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
      return subscribe(hub, connection, message.data);
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

// src/auth/connection-slots.ts
var AuthorizationSlots = class {
  constructor(limit, maxWaiting2) {
    this.limit = limit;
    this.maxWaiting = maxWaiting2;
  }
  inFlight = 0;
  waiting = [];
  /** Resolves true once a slot is this caller's; false at once when too many wait already. */
  acquire() {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(false);
    return new Promise((resolve) => this.waiting.push(() => resolve(true)));
  }
  /** Hands the slot to the next waiting caller, or frees it. */
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
};

// src/transport/connection.ts
var Connection = class {
  constructor(socketId, app, wire, ip, outbound, headers, events2) {
    this.socketId = socketId;
    this.app = app;
    this.wire = wire;
    this.ip = ip;
    this.outbound = outbound;
    this.headers = headers;
    this.events = events2;
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
  /** Server-side authorizations in flight and waiting (created on the first). */
  slots;
  /** Subscribes a second (created on the first subscribe: an idle connection stays small). */
  subscribes;
  send(frame) {
    if (!this.closing) this.outbound.enqueue(this, frame);
  }
  sendText(message) {
    this.send(textFrame(message));
  }
  authorizationSlots() {
    const { serverAuthPerConnection, maxChannelsPerConnection } = this.app.limits;
    this.slots ??= new AuthorizationSlots(Math.max(1, serverAuthPerConnection), maxChannelsPerConnection);
    return this.slots;
  }
  /** Takes one subscribe from the connection's rate (limits.subscribesPerSecond, bursts of subscribeBurst; 0: unlimited). */
  subscribeAllowed() {
    const { subscribesPerSecond, subscribeBurst } = this.app.limits;
    if (subscribesPerSecond <= 0) return true;
    this.subscribes ??= new TokenBucket(subscribesPerSecond, Math.max(1, subscribeBurst));
    return this.subscribes.take();
  }
  /** Bytes that may still be queued before the connection is over its outbound budget. */
  outboundRoom() {
    return this.outbound.room(this);
  }
  /** Writes what is queued now, ahead of something written straight to the socket. */
  writeQueued() {
    this.outbound.write(this);
  }
  /** Tells the client why with `pusher:error`, then closes with the same code. */
  closeWith(entry, detail) {
    if (this.closing) return;
    this.closing = true;
    this.events.emit("refused", { kind: "closed", appId: this.app.id, code: entry.code, message: entry.message, detail, socketId: this.socketId, ip: this.ip });
    const frames2 = this.pending ?? [];
    this.pending = void 0;
    this.pendingBytes = 0;
    frames2.push(textFrame(codedError(entry, detail)));
    if (!this.wire.destroyed) this.wire.write(Buffer.concat(frames2));
    this.wire.close(entry.code, entry.message.slice(0, 120));
    setTimeout(() => this.wire.terminate(), 2e3).unref();
  }
  /** The client reads slower than it is sent to: drop what is queued and let it reconnect. */
  overflow(droppedFrames) {
    this.droppedFrames += droppedFrames;
    this.closeWith(closeCode("SLOW_CONSUMER"));
    this.wire.pause();
  }
  droppedFrames = 0;
};

// src/transport/socket-id.ts
var import_node_crypto7 = require("crypto");
var MAX = 2 ** 47;
function newSocketId(inUse) {
  for (; ; ) {
    const id = `${(0, import_node_crypto7.randomInt)(1, MAX)}.${(0, import_node_crypto7.randomInt)(1, MAX)}`;
    if (!inUse(id)) return id;
  }
}

// src/transport/admission.ts
var noHeaders = Object.freeze({});
var Admission = class {
  constructor(hub, outbound) {
    this.hub = hub;
    this.outbound = outbound;
  }
  /** Per app: one handshake bucket per client address, shared by every transport. */
  handshakeBuckets = /* @__PURE__ */ new Map();
  /** Takes one handshake from the address's budget for the app: undefined, or the refusal (reported). */
  rateLimited(app, applicant) {
    const buckets = this.bucketsOf(app);
    if (buckets.take(applicant.ip)) return void 0;
    const status = publishStatus("RATE_LIMITED");
    const detail = "too many connections from this address";
    this.hub.events.emit("refused", { kind: "connection", appId: app.id, code: 429, name: status.name, message: status.message, detail, url: applicant.url, ip: applicant.ip });
    return { retryAfter: buckets.retryAfter(applicant.ip), body: errorBody(new ApiError("RATE_LIMITED", detail)) };
  }
  /**
   * The handshake's own verdict, then the app's connection cap (both transports' connections
   * count). A refusal is reported; `named` is the app a refused handshake is reported under, where
   * the transport knew it before the handshake's checks.
   */
  verdict(handshake, applicant, named) {
    if (!handshake.ok) return this.refused(handshake.refusal, handshake.detail, applicant, named);
    const { app } = handshake;
    const max = app.limits.maxConnections;
    if (max > 0 && this.hub.connectionCount(app) >= max) return this.refused(closeCode("OVER_CAPACITY"), `at most ${max} connections`, applicant, app);
    return handshake;
  }
  /** A Connection for an admitted client; it joins the hub with join(). */
  connection(app, wire, ip, headers) {
    return new Connection(
      newSocketId(this.hub.socketIdInUse),
      app,
      wire,
      ip,
      this.outbound,
      // Kept only where server-side authorization will forward them.
      app.authEndpoint ? { cookie: headers.cookie, authorization: headers.authorization } : noHeaders,
      this.hub.events
    );
  }
  /** The connection joins the hub and is told its socket id. */
  join(connection) {
    this.hub.connect(connection);
    connection.sendText(connectionEstablished(connection.socketId, connection.app.limits.activityTimeoutSeconds));
  }
  /** Once a second (the WebSocket server's sweep): addresses whose buckets are full again are forgotten. */
  prune(now) {
    for (const buckets of this.handshakeBuckets.values()) buckets.prune(now);
  }
  /** The app's per-address buckets; made on first use, also for an app added by a reload (SIGHUP). */
  bucketsOf(app) {
    let buckets = this.handshakeBuckets.get(app.id);
    if (!buckets) {
      buckets = new BucketMap(app.limits.handshakesPerSecondPerIp, app.limits.handshakeBurstPerIp);
      this.handshakeBuckets.set(app.id, buckets);
    }
    return buckets;
  }
  refused(refusal, detail, applicant, app) {
    this.hub.events.emit("refused", { kind: "connection", appId: app?.id, code: refusal.code, message: refusal.message, detail, url: applicant.url, ip: applicant.ip });
    return { ok: false, refusal, detail };
  }
};

// src/transport/frame-reader.ts
var import_node_buffer = require("buffer");
var CLOSE_PROTOCOL_ERROR = 1002;
var CLOSE_INVALID_PAYLOAD = 1007;
var CLOSE_TOO_BIG = 1009;
var CLOSE_NO_STATUS = 1005;
var OP_CONTINUATION = 0;
var OP_TEXT = 1;
var OP_BINARY = 2;
var OP_PING = 9;
var OP_PONG = 10;
function isValidCloseCode(code) {
  return code >= 1e3 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006 || code >= 3e3 && code <= 4999;
}
var empty = Buffer.alloc(0);
var FrameReader2 = class {
  /** Bytes received but not yet parsed (an incomplete frame): one buffer, or several until `need` arrive. */
  held = void 0;
  heldBytes = 0;
  /** How many bytes the next parse step needs at least (2: a header's first two bytes). */
  need = 2;
  /** The parts of a fragmented message so far, and whether it is binary. */
  fragments = void 0;
  fragmentBytes = 0;
  fragmentBinary = false;
  /** After a protocol error nothing more is read. */
  failed = false;
  /** Feeds bytes from the socket; calls the handlers for every complete frame in them. */
  receive(chunk) {
    if (this.failed) return;
    if (this.held === void 0) {
      if (chunk.length < this.need) {
        this.hold(chunk);
        return;
      }
      this.parse(chunk);
      return;
    }
    if (Array.isArray(this.held)) this.held.push(chunk);
    else this.held = [this.held, chunk];
    this.heldBytes += chunk.length;
    if (this.heldBytes < this.need) return;
    const all = Buffer.concat(this.held, this.heldBytes);
    this.held = void 0;
    this.heldBytes = 0;
    this.parse(all);
  }
  /** Keeps an incomplete frame's bytes, copied so the socket's read buffer is not pinned. */
  hold(rest) {
    this.held = Buffer.from(rest);
    this.heldBytes = rest.length;
  }
  parse(buf) {
    let at = 0;
    this.need = 2;
    while (!this.failed) {
      const available = buf.length - at;
      if (available < 2) break;
      const b0 = buf[at];
      const b1 = buf[at + 1];
      const fin = (b0 & 128) !== 0;
      const opcode = b0 & 15;
      if ((b0 & 112) !== 0) {
        this.reject(CLOSE_PROTOCOL_ERROR, "RSV bits must be clear");
        return;
      }
      if ((b1 & 128) === 0) {
        this.reject(CLOSE_PROTOCOL_ERROR, "client frames must be masked");
        return;
      }
      const control = opcode >= 8;
      if (control) {
        if (opcode > OP_PONG) {
          this.reject(CLOSE_PROTOCOL_ERROR, `invalid opcode ${opcode}`);
          return;
        }
        if (!fin) {
          this.reject(CLOSE_PROTOCOL_ERROR, "control frames must not be fragmented");
          return;
        }
      } else if (opcode === OP_CONTINUATION) {
        if (this.fragments === void 0) {
          this.reject(CLOSE_PROTOCOL_ERROR, "continuation frame without a message to continue");
          return;
        }
      } else if (opcode === OP_TEXT || opcode === OP_BINARY) {
        if (this.fragments !== void 0) {
          this.reject(CLOSE_PROTOCOL_ERROR, "new message before the fragmented one ended");
          return;
        }
      } else {
        this.reject(CLOSE_PROTOCOL_ERROR, `invalid opcode ${opcode}`);
        return;
      }
      let length = b1 & 127;
      let header = 2;
      if (length === 126) {
        header = 4;
        if (available < header) {
          this.need = header;
          break;
        }
        length = buf.readUInt16BE(at + 2);
      } else if (length === 127) {
        header = 10;
        if (available < header) {
          this.need = header;
          break;
        }
        const high = buf.readUInt32BE(at + 2);
        if (high > 2 ** 21 - 1) {
          this.reject(CLOSE_TOO_BIG, "frame length over 2^53 - 1");
          return;
        }
        length = high * 2 ** 32 + buf.readUInt32BE(at + 6);
      }
      if (control && length > 125) {
        this.reject(CLOSE_PROTOCOL_ERROR, "control frame payload over 125 bytes");
        return;
      }
      if (!control && this.maxPayload > 0 && this.fragmentBytes + length > this.maxPayload) {
        this.reject(CLOSE_TOO_BIG, "message over the payload limit");
        return;
      }
      const total = header + 4 + length;
      if (available < total) {
        this.need = total;
        break;
      }
      const maskAt = at + header;
      const payload = length === 0 ? empty : unmask(buf, maskAt + 4, length, maskAt);
      at += total;
      if (control) this.control(opcode, payload);
      else this.data(opcode, fin, payload);
    }
    if (this.failed) return;
    if (at < buf.length) this.hold(buf.subarray(at));
    else this.need = 2;
  }
  data(opcode, fin, payload) {
    if (opcode !== OP_CONTINUATION && fin) {
      this.message(payload, opcode === OP_BINARY);
      return;
    }
    if (opcode !== OP_CONTINUATION) {
      this.fragments = [];
      this.fragmentBinary = opcode === OP_BINARY;
    }
    const parts = this.fragments;
    parts.push(payload);
    this.fragmentBytes += payload.length;
    if (!fin) return;
    const whole = parts.length === 1 ? parts[0] : Buffer.concat(parts, this.fragmentBytes);
    const binary = this.fragmentBinary;
    this.fragments = void 0;
    this.fragmentBytes = 0;
    this.message(whole, binary);
  }
  message(payload, binary) {
    if (!binary && !(0, import_node_buffer.isUtf8)(payload)) {
      this.reject(CLOSE_INVALID_PAYLOAD, "text message is not valid UTF-8");
      return;
    }
    this.onMessage(payload, binary);
  }
  control(opcode, payload) {
    if (opcode === OP_PING) {
      this.onPing(payload);
      return;
    }
    if (opcode === OP_PONG) {
      this.onPong(payload);
      return;
    }
    if (payload.length === 0) {
      this.failed = true;
      this.onCloseFrame(CLOSE_NO_STATUS, "");
      return;
    }
    if (payload.length === 1) {
      this.reject(CLOSE_PROTOCOL_ERROR, "close frame payload of 1 byte");
      return;
    }
    const code = payload.readUInt16BE(0);
    if (!isValidCloseCode(code)) {
      this.reject(CLOSE_PROTOCOL_ERROR, `invalid close code ${code}`);
      return;
    }
    const reason = payload.subarray(2);
    if (!(0, import_node_buffer.isUtf8)(reason)) {
      this.reject(CLOSE_INVALID_PAYLOAD, "close reason is not valid UTF-8");
      return;
    }
    this.failed = true;
    this.onCloseFrame(code, reason.toString("utf8"));
  }
  reject(code, reason) {
    this.failed = true;
    this.held = void 0;
    this.heldBytes = 0;
    this.fragments = void 0;
    this.fragmentBytes = 0;
    this.onProtocolError(code, reason);
  }
};
function unmask(buf, from, length, maskAt) {
  const out = Buffer.allocUnsafe(length);
  const m0 = buf[maskAt];
  const m1 = buf[maskAt + 1];
  const m2 = buf[maskAt + 2];
  const m3 = buf[maskAt + 3];
  let i = 0;
  for (; i + 3 < length; i += 4) {
    out[i] = buf[from + i] ^ m0;
    out[i + 1] = buf[from + i + 1] ^ m1;
    out[i + 2] = buf[from + i + 2] ^ m2;
    out[i + 3] = buf[from + i + 3] ^ m3;
  }
  for (; i < length; i++) out[i] = buf[from + i] ^ buf[maskAt + (i & 3)];
  return out;
}

// src/transport/outbound.ts
var loadedRoundIntervalMs = 16;
var maxRoundDelayMs = 20;
var minSliceMs = 2;
var writesPerClockRead = 16;
var OutboundQueue = class {
  constructor(maxBufferedBytes) {
    this.maxBufferedBytes = maxBufferedBytes;
  }
  /** Targets owed frames that the round in progress will not write (dirtied after it began, or already written by it). */
  dirty = [];
  /** The round in progress and how far it got; empty between rounds. */
  round = [];
  roundNext = 0;
  roundWriteMs = 0;
  /** A round is scheduled or in progress: enqueue need not schedule one. */
  busy = false;
  sliceBound = () => this.slice();
  startRoundBound = () => this.startRound();
  /** The last round's start, its write time, and whether it began owing some socket several frames: see schedule(). */
  lastRoundStart = -Infinity;
  lastRoundWriteMs = 0;
  lastRoundLoaded = false;
  /** When the last slice of the round in progress ended (ms): see slice(). */
  lastSliceEnd = 0;
  /** The detailed metrics' hook, when they are on. */
  rounds = void 0;
  /**
   * Queues a frame for the next write to this socket. Every byte owed to a socket counts against
   * its budget, whatever it is (an event, a replay, a presence snapshot, a pong, an error). Past
   * the budget, what is queued is written now (a reading client's kernel buffer takes it); if the
   * socket still holds more than the budget, the client is not reading: it is closed (4101).
   */
  enqueue(target, frame) {
    const max = this.maxBufferedBytes(target);
    if (target.wire.bufferedBytes + target.pendingBytes + frame.length > max) {
      if (target.pending !== void 0) this.write(target);
      if (target.pending !== void 0 || target.wire.bufferedBytes + frame.length > max) {
        const dropped = (target.pending?.length ?? 0) + 1;
        target.pending = void 0;
        target.pendingBytes = 0;
        target.overflow(dropped);
        return;
      }
    }
    if (target.pending === void 0) {
      target.pending = [frame];
      this.dirty.push(target);
      if (!this.busy) {
        this.busy = true;
        this.schedule();
      }
    } else {
      target.pending.push(frame);
    }
    target.pendingBytes += frame.length;
  }
  /**
   * A round normally starts at the end of this turn. While messages arrive faster than rounds
   * write them (some socket was owed several frames when the last round began), rounds are spaced:
   * after a round's writing, the loop gets at least as long again, and at least
   * `loadedRoundIntervalMs`, for everything else, so writing takes at most half its time and each
   * write carries many frames whatever the number of sockets in this process. A steady trickle,
   * where each write carries one frame anyway, never waits.
   */
  schedule() {
    const period = this.lastRoundWriteMs + Math.max(this.lastRoundWriteMs, loadedRoundIntervalMs);
    const wait2 = this.lastRoundStart + period - performance.now();
    if (this.lastRoundLoaded && wait2 >= 1) setTimeout(this.startRoundBound, Math.min(wait2, maxRoundDelayMs));
    else setImmediate(this.startRoundBound);
  }
  startRound() {
    const round = this.dirty;
    this.round = round;
    this.dirty = [];
    this.roundNext = 0;
    this.roundWriteMs = 0;
    this.lastRoundLoaded = false;
    for (const target of round) {
      if ((target.pending?.length ?? 0) > 1) {
        this.lastRoundLoaded = true;
        break;
      }
    }
    this.lastRoundStart = performance.now();
    this.lastSliceEnd = this.lastRoundStart;
    this.rounds?.roundStarted();
    this.slice();
  }
  /** Writes the round's next targets for a while; the rest after the loop has read what arrived meanwhile. */
  slice() {
    const started = performance.now();
    const budget = Math.max(minSliceMs, started - this.lastSliceEnd);
    const round = this.round;
    let i = this.roundNext;
    while (i < round.length) {
      this.write(round[i++]);
      if (i % writesPerClockRead === 0 && performance.now() - started >= budget) break;
    }
    const now = performance.now();
    this.lastSliceEnd = now;
    this.roundWriteMs += now - started;
    this.roundNext = i;
    if (i < round.length) {
      setImmediate(this.sliceBound);
      return;
    }
    this.endRound();
  }
  endRound() {
    this.round = [];
    this.lastFrames = void 0;
    this.lastJoined = void 0;
    this.lastRoundWriteMs = this.roundWriteMs;
    this.rounds?.roundWritten();
    if (this.dirty.length > 0) this.schedule();
    else this.busy = false;
  }
  /** Writes everything queued now, the round in progress included (on shutdown). */
  flush() {
    for (const target of this.round) this.write(target);
    for (const target of this.dirty) this.write(target);
    this.round = [];
    this.dirty = [];
    this.roundNext = 0;
    this.lastFrames = void 0;
    this.lastJoined = void 0;
  }
  /** Writes one target's frames now (before a close frame, say); its dirty entry becomes a no-op. Returns how many. */
  write(target) {
    const frames2 = target.pending;
    const bytes = target.pendingBytes;
    target.pending = void 0;
    target.pendingBytes = 0;
    if (!frames2 || target.wire.destroyed) return 0;
    if (target.wire.bufferedBytes > this.maxBufferedBytes(target)) {
      target.overflow(frames2.length);
      return 0;
    }
    target.wire.write(frames2.length === 1 ? frames2[0] : this.join(frames2, bytes));
    return frames2.length;
  }
  /** Bytes that may still be queued for `target` before it is over its budget. */
  room(target) {
    return this.maxBufferedBytes(target) - target.wire.bufferedBytes - target.pendingBytes;
  }
  /** Frames queued for the previous socket and their concatenation, reused while the next socket is owed the same. */
  lastFrames;
  lastJoined;
  /**
   * The subscribers of one channel are owed the same frames in the same order: concatenate them
   * once per flush, not once per socket (comparing references costs far less than copying bytes).
   */
  join(frames2, bytes) {
    const last = this.lastFrames;
    const joined = this.lastJoined;
    if (last && joined && last.length === frames2.length && joined.length === bytes) {
      let same = true;
      for (let i = 0; i < frames2.length && same; i++) same = last[i] === frames2[i];
      if (same) return joined;
    }
    this.lastFrames = frames2;
    this.lastJoined = Buffer.concat(frames2, bytes);
    return this.lastJoined;
  }
};

// src/transport/ws-wire.ts
var wireKey = Symbol("wire");
var pingFrame = Buffer.from([137, 0]);
var closeTimeoutMs = 2e3;
function closeFrame(code, reason = "") {
  let text = Buffer.from(reason, "utf8");
  if (text.length > 123) text = Buffer.from(reason.slice(0, 40), "utf8");
  const frame = Buffer.allocUnsafe(4 + text.length);
  frame[0] = 136;
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}
function onData(chunk) {
  this[wireKey].receive(chunk);
}
function onEnd() {
  this.end();
}
function onClose() {
  const wire = this[wireKey];
  wire.handler.closed(wire);
}
function destroyIfOpen(socket) {
  if (!socket.destroyed) socket.destroy();
}
var WebSocketWire = class extends FrameReader2 {
  constructor(socket, handler, maxPayload, owner = void 0) {
    super();
    this.socket = socket;
    this.handler = handler;
    this.maxPayload = maxPayload;
    this.owner = owner;
    socket[wireKey] = this;
  }
  /** Our close frame went out; the peer's came in. */
  closeSent = false;
  closeReceived = false;
  /** Starts reading: `head` is what arrived with the upgrade request after its headers. */
  start(head) {
    const { socket } = this;
    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("close", onClose);
    if (head.length > 0) this.receive(head);
  }
  write(frames2) {
    this.socket.write(frames2);
  }
  /** Sends our close frame; the socket ends once the peer answers with its own (or at once if it already did). */
  close(code, reason) {
    if (this.closeSent || this.socket.destroyed) return;
    this.closeSent = true;
    this.socket.write(closeFrame(code, reason));
    if (this.closeReceived) this.socket.end();
  }
  terminate() {
    this.socket.destroy();
  }
  pause() {
    this.socket.pause();
  }
  probe() {
    if (!this.socket.destroyed) this.socket.write(pingFrame);
  }
  get destroyed() {
    return this.socket.destroyed;
  }
  get bufferedBytes() {
    return this.socket.writableLength;
  }
  onMessage(data, binary) {
    this.handler.message(this, data, binary);
  }
  onPing(payload) {
    this.handler.ping(this, payload);
  }
  onPong() {
    this.handler.pong(this);
  }
  /** The peer closes: answer with the same code (none for none), then end the socket. */
  onCloseFrame(code) {
    this.closeReceived = true;
    if (!this.closeSent) {
      this.closeSent = true;
      this.socket.write(code === CLOSE_NO_STATUS ? Buffer.from([136, 0]) : closeFrame(code));
    }
    this.socket.end();
  }
  /** A protocol error fails the connection: the handler may write why, then the close frame and our FIN. */
  onProtocolError(code, reason) {
    this.handler.protocolError(this, code, reason);
    this.fail(code, reason);
  }
  /** Closes with `code` and ends the socket without waiting for the peer; cut if it lingers. */
  fail(code, reason) {
    this.close(code, reason);
    this.socket.end();
    setTimeout(destroyIfOpen, closeTimeoutMs, this.socket).unref();
  }
};

// src/transport/young-generation.ts
var import_node_v8 = require("v8");
function chosenByOperator() {
  const flags = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  return /semi[-_]space/.test(flags);
}
var bounded = false;
function boundYoungGeneration() {
  if (bounded || chosenByOperator()) return;
  bounded = true;
  (0, import_node_v8.setFlagsFromString)("--semi-space-growth-factor=1");
}

// src/transport/websocket-server.ts
var pingFrame2 = textFrame(ping);
var acceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
var keyPattern = /^[+/0-9A-Za-z]{22}==$/;
var tokenPattern2 = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
function destroySocket() {
  this.destroy();
}
var connectionOf = (wire) => wire.owner;
function refuseUpgrade(socket, status, message, extra = "") {
  socket.once("finish", destroySocket);
  socket.end(`HTTP/1.1 ${status} ${import_node_http4.STATUS_CODES[status]}\r
Connection: close\r
Content-Type: text/plain\r
${extra}Content-Length: ${Buffer.byteLength(message)}\r
\r
${message}`);
}
function upgradeRefusal(request2) {
  if (request2.method !== "GET") return { status: 405, message: "Invalid HTTP method" };
  if (request2.headers.upgrade?.toLowerCase() !== "websocket") return { status: 400, message: "Invalid Upgrade header" };
  const key = request2.headers["sec-websocket-key"];
  if (key === void 0 || !keyPattern.test(key)) return { status: 400, message: "Missing or invalid Sec-WebSocket-Key header" };
  const version2 = Number(request2.headers["sec-websocket-version"]);
  if (version2 !== 13 && version2 !== 8) return { status: 400, message: "Missing or invalid Sec-WebSocket-Version header", extra: "Sec-WebSocket-Version: 13, 8\r\n" };
  return void 0;
}
function switchingProtocols(request2) {
  const accept = (0, import_node_crypto8.createHash)("sha1").update(`${request2.headers["sec-websocket-key"]}${acceptGuid}`).digest("base64");
  let protocolLine = "";
  const offered = request2.headers["sec-websocket-protocol"];
  if (offered !== void 0) {
    const first = offered.split(",")[0]?.trim() ?? "";
    if (!tokenPattern2.test(first)) return void 0;
    protocolLine = `Sec-WebSocket-Protocol: ${first}\r
`;
  }
  return `HTTP/1.1 101 Switching Protocols\r
Upgrade: websocket\r
Connection: Upgrade\r
Sec-WebSocket-Accept: ${accept}\r
${protocolLine}\r
`;
}
function frameListenerFailed(wire, place, error) {
  listenerFailed(place, error);
  try {
    wire.fail(1011, "unexpected server error");
  } catch {
    wire.terminate();
  }
}
function createHandler(server) {
  return {
    // The hot paths guard inline (guard()'s closures would cost an allocation a frame).
    message(wire, data, binary) {
      const connection = connectionOf(wire);
      if (!connection || connection.closing) return;
      try {
        const handled = server.onMessage(connection, data, binary);
        if (handled) handled.catch((error) => frameListenerFailed(wire, "message", error));
      } catch (error) {
        frameListenerFailed(wire, "message", error);
      }
    },
    /** The pong goes through the outbound queue and its budget, so a ping flood closes with 4101. */
    ping(wire, payload) {
      const connection = connectionOf(wire);
      if (!connection) return;
      try {
        connection.send(pongFrame(payload));
      } catch (error) {
        frameListenerFailed(wire, "ping", error);
      }
    },
    pong(wire) {
      const connection = connectionOf(wire);
      if (!connection) return;
      connection.lastSeen = Date.now();
      connection.pingSentAt = 0;
    },
    /** A frame over the payload limit: the 4303 pusher:error goes ahead of the 1009 close, so the client can read why. */
    protocolError(wire, code) {
      const connection = connectionOf(wire);
      if (code !== CLOSE_TOO_BIG || !connection || connection.closing || wire.destroyed) return;
      connection.writeQueued();
      const limit = connection.app.limits.maxFrameBytes;
      wire.write(textFrame(codedError(errorCode("MESSAGE_TOO_LARGE"), `frames are limited to ${limit} bytes`)));
    },
    closed(wire) {
      const connection = connectionOf(wire);
      if (connection) guard("close", () => server.onClose(connection), () => void 0);
    }
  };
}
var PusherWebSocketServer = class {
  constructor(hub, options = { trustedProxies: [] }) {
    this.hub = hub;
    this.trustedProxies = new Set(options.trustedProxies);
    this.admission = new Admission(hub, this.outbound);
    this.maxPayload = Math.max(...hub.apps.map((a) => a.limits.maxFrameBytes));
    boundYoungGeneration();
  }
  outbound = new OutboundQueue((target) => target.app.limits.maxOutboundBufferBytes);
  /** Who may join, for this server and the HTTP fallback alike (one handshake budget per app and address). */
  admission;
  /** The largest frame any app allows; each app's own limit is checked per message. */
  maxPayload;
  handler = createHandler(this);
  sweepTimer;
  accepting = true;
  trustedProxies;
  attach(server) {
    server.on(
      "upgrade",
      (request2, socket, head) => guard("upgrade", () => this.upgrade(request2, socket, head), () => socket.destroy())
    );
    this.sweepTimer = setInterval(() => this.sweep(), 1e3);
    this.sweepTimer.unref();
  }
  upgrade(request2, socket, head) {
    socket.on("error", destroySocket);
    if (!this.accepting) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const refusal = upgradeRefusal(request2);
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.message, refusal.extra);
      return;
    }
    const handshake = checkHandshake(request2, (key) => this.hub.appByKey(key));
    const applicant = { ip: clientIp(request2, this.trustedProxies), url: request2.url };
    const limited = handshake.ok ? this.admission.rateLimited(handshake.app, applicant) : void 0;
    if (limited) {
      const body = JSON.stringify(limited.body);
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r
Retry-After: ${limited.retryAfter}\r
Content-Type: application/json\r
Content-Length: ${Buffer.byteLength(body)}\r
Connection: close\r
\r
${body}`
      );
      return;
    }
    const answer = switchingProtocols(request2);
    if (answer === void 0) {
      refuseUpgrade(socket, 400, "Invalid Sec-WebSocket-Protocol header");
      return;
    }
    if (!socket.readable || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.write(answer);
    const wire = new WebSocketWire(socket, this.handler, this.maxPayload);
    this.open(wire, request2, handshake, applicant);
    wire.start(head);
  }
  /** After the 101: a refused client is told why (pusher:error, then the close code); otherwise a Connection joins the hub. */
  open(wire, request2, handshake, applicant) {
    const verdict = this.admission.verdict(handshake, applicant);
    if (!verdict.ok) {
      wire.write(textFrame(codedError(verdict.refusal, verdict.detail)));
      wire.fail(verdict.refusal.code, verdict.refusal.message);
      return;
    }
    const connection = this.admission.connection(verdict.app, wire, applicant.ip, request2.headers);
    wire.owner = connection;
    this.admission.join(connection);
  }
  onMessage(connection, data, isBinary) {
    connection.lastSeen = connection.lastMessage = Date.now();
    connection.pingSentAt = 0;
    this.hub.received(connection);
    const { limits: limits2 } = connection.app;
    if (isBinary) {
      connection.sendText(codedError(errorCode("BAD_MESSAGE"), "binary frames are not part of the Pusher protocol"));
      return;
    }
    if (data.length > limits2.maxFrameBytes) {
      connection.sendText(codedError(errorCode("MESSAGE_TOO_LARGE"), `frames are limited to ${limits2.maxFrameBytes} bytes`));
      return;
    }
    return dispatch(this.hub, connection, data.toString("utf8"));
  }
  onClose(connection) {
    connection.closing = true;
    this.hub.disconnect(connection);
  }
  /**
   * Liveness, once a second for every connection (cheaper than a timer per socket):
   * silent for the activity timeout → ping; ping unanswered → 4201; answering only
   * WebSocket pings (no pusher:pong, no message) past the inactivity limit → 4202.
   */
  sweep(now = Date.now()) {
    for (const connection of this.hub.connections()) {
      if (connection.closing) continue;
      const { limits: limits2 } = connection.app;
      if (connection.pingSentAt > 0) {
        if (now - connection.pingSentAt > limits2.pongTimeoutSeconds * 1e3) {
          connection.closeWith(closeCode("PONG_NOT_RECEIVED"));
        }
      } else if (now - connection.lastSeen > limits2.activityTimeoutSeconds * 1e3) {
        connection.pingSentAt = now;
        connection.send(pingFrame2);
        connection.wire.probe();
      } else if (now - connection.lastMessage > limits2.maxInactivitySeconds * 1e3) {
        connection.closeWith(closeCode("INACTIVITY_TIMEOUT"));
      }
    }
    this.hub.expireCaches(now);
    this.admission.prune(now);
  }
  /** Stop accepting; tell every client to reconnect elsewhere (4200). */
  shutdown() {
    this.accepting = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.outbound.flush();
    for (const connection of [...this.hub.connections()]) connection.closeWith(closeCode("RECONNECT"));
  }
};

// src/fallback/cors.ts
var preflightMaxAgeSeconds = 600;
function corsHeaders(request2) {
  const origin = request2.headers.origin;
  return origin ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {};
}
function corsAllowed(request2, app) {
  const origin = request2.headers.origin;
  return origin === void 0 || originAllowed(origin, app.allowedOrigins, request2.headers.host);
}
function answerPreflight(request2, response) {
  response.writeHead(204, {
    ...corsHeaders(request2),
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": String(preflightMaxAgeSeconds),
    "Content-Length": "0"
  });
  response.end();
}

// src/fallback/frames.ts
var streamingPrelude = Buffer.from(`${"h".repeat(2048)}
`);
var openFrame = Buffer.from("o\n");
var heartbeatFrame = Buffer.from("h\n");
function closeFrame2(code, reason) {
  return Buffer.from(`c${JSON.stringify([code, reason])}
`);
}
var lastFrames;
var lastLine;
function messagesLine(frames2) {
  if (frames2 === lastFrames && lastLine) return lastLine;
  const messages = [];
  let offset = 0;
  while (offset + 2 <= frames2.length) {
    const opcode = frames2[offset] & 15;
    let length = frames2[offset + 1] & 127;
    let start = offset + 2;
    if (length === 126) {
      length = frames2.readUInt16BE(offset + 2);
      start = offset + 4;
    } else if (length === 127) {
      length = frames2.readUInt32BE(offset + 2) * 2 ** 32 + frames2.readUInt32BE(offset + 6);
      start = offset + 10;
    }
    const end = start + length;
    if (end > frames2.length) break;
    if (opcode === 1) messages.push(JSON.stringify(frames2.toString("utf8", start, end)));
    offset = end;
  }
  if (messages.length === 0) return void 0;
  lastFrames = frames2;
  lastLine = Buffer.from(`a[${messages.join(",")}]
`);
  return lastLine;
}
function parseSendBody(body) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return void 0;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) return void 0;
  return parsed;
}

// src/fallback/relay.ts
var import_node_cluster7 = __toESM(require("cluster"), 1);

// src/fallback/relay-response.ts
var import_node_events = require("events");
var RelayResponse = class extends import_node_events.EventEmitter {
  constructor(id, post, onClose2) {
    super();
    this.id = id;
    this.post = post;
    this.onClose = onClose2;
  }
  sent = 0;
  acked = 0;
  closed = false;
  writableEnded = false;
  socket = void 0;
  get writableLength() {
    return this.closed ? 0 : this.sent - this.acked;
  }
  write(chunk) {
    if (this.writableEnded) return false;
    this.sent += chunk.length;
    this.post({ kind: "lines", id: this.id, data: chunk.toString("utf8"), end: false });
    return true;
  }
  end(chunk) {
    if (this.writableEnded) return this;
    this.writableEnded = true;
    this.post({ kind: "lines", id: this.id, data: chunk ? chunk.toString("utf8") : "", end: true });
    this.closeNow();
    return this;
  }
  destroy() {
    if (!this.writableEnded) this.post({ kind: "abort", id: this.id });
    this.writableEnded = true;
    this.closeNow();
    return this;
  }
  /** The relaying worker handed `bytes` more to the client's socket. */
  acknowledged(bytes) {
    this.acked = Math.min(this.sent, this.acked + bytes);
  }
  /** The relaying worker's response closed (the client left), or that worker is gone. */
  closedByRelayer() {
    this.writableEnded = true;
    this.closeNow();
  }
  closeNow() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    setImmediate(() => this.emit("close"));
  }
};

// src/fallback/relay.ts
var answerTimeoutMs = 5e3;
var isOwnerSide = (relay) => relay.kind === "send" || relay.kind === "attach" || relay.kind === "detach" || relay.kind === "ack";
var WorkerRelay = class {
  constructor(owner) {
    this.owner = owner;
    process.on("message", this.onMessage);
  }
  self = import_node_cluster7.default.worker?.id ?? 0;
  nextId = 1;
  sends = /* @__PURE__ */ new Map();
  receives = /* @__PURE__ */ new Map();
  /** On the holder's side: `{relaying worker}:{id}` → the response that worker writes. */
  responses = /* @__PURE__ */ new Map();
  acknowledging = false;
  onMessage = (message) => {
    if (!isPogoMessage(message) || message.pogo !== "relay" && message.pogo !== "workerGone") return;
    guard("http", () => this.received(message), () => void 0);
  };
  /** The worker holding `session`; with `claim`, this one when none does. Undefined: nobody holds it. */
  async ownerOf(session, claim) {
    const owner = await primaryLink.call("sessionOwner", [session, claim], answerTimeoutMs);
    return owner ?? void 0;
  }
  /** This worker forgot `session`. */
  released(session) {
    this.post(() => primaryLink.post({ pogo: "sessionReleased", session }));
  }
  /** Relays an xhr_send's body to the session's holder; resolves with the status to answer. */
  send(owner, session, ip, body) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sends.delete(id);
        resolve({ status: 503, error: "The worker holding the session did not answer" });
      }, answerTimeoutMs);
      this.sends.set(id, { owner, timer, resolve });
      this.to(owner, { kind: "send", id, session, ip, body });
    });
  }
  /** Relays a receive request to the session's holder: `res` gets its lines until either side ends it. */
  receive(owner, session, ip, transport, res, answer) {
    const id = this.nextId++;
    const timer = setTimeout(() => this.refuse(id), answerTimeoutMs);
    const relayed = { owner, res, answer, timer, over: false, unacknowledged: 0 };
    this.receives.set(id, relayed);
    res.on("close", () => {
      if (this.receives.get(id) !== relayed) return;
      this.receives.delete(id);
      clearTimeout(relayed.timer);
      if (!relayed.over) this.to(owner, { kind: "detach", id });
    });
    this.to(owner, { kind: "attach", id, session, ip, transport });
  }
  /** Stops listening (shutdown): relayed requests end with their clients. */
  close() {
    process.off("message", this.onMessage);
    for (const { timer } of this.sends.values()) clearTimeout(timer);
    for (const { timer } of this.receives.values()) clearTimeout(timer);
  }
  received(message) {
    if (message.pogo === "workerGone") {
      this.gone(message.worker);
      return;
    }
    if (message.pogo !== "relay") return;
    const { relay } = message;
    if (isOwnerSide(relay)) this.asOwner(message.from, relay);
    else this.asRelayer(relay);
  }
  /** A relaying worker asks about a session held here, or tells what became of its request. */
  asOwner(from, relay) {
    const key = `${from}:${relay.id}`;
    if (relay.kind === "send") {
      this.to(from, { kind: "sent", id: relay.id, ...this.owner.relayedSend(relay.session, relay.ip, relay.body) });
    } else if (relay.kind === "attach") {
      const attach = this.owner.relayedReceive(relay.session, relay.ip, relay.transport);
      if (!attach) {
        this.to(from, { kind: "refused", id: relay.id });
        return;
      }
      const response = new RelayResponse(relay.id, (line) => this.to(from, line), () => this.responses.delete(key));
      this.responses.set(key, response);
      this.to(from, { kind: "attached", id: relay.id });
      attach(response);
    } else if (relay.kind === "detach") {
      this.responses.get(key)?.closedByRelayer();
    } else {
      this.responses.get(key)?.acknowledged(relay.bytes);
    }
  }
  /** The holder answers a request relayed from here. */
  asRelayer(relay) {
    if (relay.kind === "sent") {
      const pending = this.sends.get(relay.id);
      if (!pending) return;
      this.sends.delete(relay.id);
      clearTimeout(pending.timer);
      pending.resolve({ status: relay.status, error: relay.error });
      return;
    }
    const relayed = this.receives.get(relay.id);
    if (!relayed) return;
    if (relay.kind === "attached") {
      clearTimeout(relayed.timer);
      relayed.timer = void 0;
      relayed.answer.attached();
    } else if (relay.kind === "refused") {
      relayed.over = true;
      this.refuse(relay.id);
    } else if (relay.kind === "lines") {
      this.lines(relayed, relay.data, relay.end);
    } else {
      relayed.over = true;
      relayed.res.destroy();
    }
  }
  lines(relayed, data, end) {
    if (relayed.res.destroyed) return;
    if (end) {
      relayed.over = true;
      relayed.res.end(data);
      return;
    }
    const bytes = Buffer.byteLength(data);
    relayed.res.write(data, () => {
      relayed.unacknowledged += bytes;
      this.acknowledgeSoon();
    });
  }
  /** The bytes handed to clients' sockets, told to their holders once per turn (not once per line). */
  acknowledgeSoon() {
    if (this.acknowledging) return;
    this.acknowledging = true;
    setImmediate(() => {
      this.acknowledging = false;
      for (const [id, relayed] of this.receives) {
        if (relayed.unacknowledged === 0) continue;
        this.to(relayed.owner, { kind: "ack", id, bytes: relayed.unacknowledged });
        relayed.unacknowledged = 0;
      }
    });
  }
  refuse(id) {
    const relayed = this.receives.get(id);
    if (!relayed) return;
    this.receives.delete(id);
    clearTimeout(relayed.timer);
    if (!relayed.over) this.to(relayed.owner, { kind: "detach", id });
    if (relayed.timer === void 0) {
      relayed.res.destroy();
      return;
    }
    relayed.answer.refused();
  }
  /** `worker` is gone: what it held and what it relayed end (their clients open new sessions). */
  gone(worker) {
    for (const [id, pending] of this.sends) {
      if (pending.owner !== worker) continue;
      this.sends.delete(id);
      clearTimeout(pending.timer);
      pending.resolve({ status: 404, error: "No such session: its worker is gone" });
    }
    for (const [id, relayed] of this.receives) {
      if (relayed.owner !== worker) continue;
      relayed.over = true;
      if (relayed.timer !== void 0) this.refuse(id);
      else relayed.res.destroy();
    }
    for (const [key, response] of this.responses) if (key.startsWith(`${worker}:`)) response.closedByRelayer();
  }
  to(worker, relay) {
    this.post(() => primaryLink.post({ pogo: "relay", to: worker, relay }));
  }
  /** The primary may be gone (the worker is stopping): nothing to tell then. */
  post(send3) {
    try {
      send3();
    } catch {
    }
  }
};

// src/fallback/send-body.ts
var sendLimit = (app) => 2 * app.limits.maxFrameBytes + 64;
function acceptSend(hub, { session, connection }, body) {
  const { limits: limits2 } = connection.app;
  if (body === void 0) {
    connection.sendText(codedError(errorCode("MESSAGE_TOO_LARGE"), `frames are limited to ${limits2.maxFrameBytes} bytes`));
    return { status: 413, error: `xhr_send bodies are limited to ${sendLimit(connection.app)} bytes` };
  }
  const messages = parseSendBody(body);
  if (!messages) {
    connection.sendText(codedError(errorCode("BAD_MESSAGE"), "xhr_send bodies are JSON arrays of strings"));
    return { status: 400, error: "xhr_send bodies are JSON arrays of strings" };
  }
  if (!session.paused && !session.ended) for (const message of messages) handleMessage(hub, session, connection, message);
  return { status: 204 };
}
function handleMessage(hub, session, connection, text) {
  try {
    connection.lastSeen = connection.lastMessage = Date.now();
    connection.pingSentAt = 0;
    hub.received(connection);
    const { maxFrameBytes } = connection.app.limits;
    if (Buffer.byteLength(text) > maxFrameBytes) {
      connection.sendText(codedError(errorCode("MESSAGE_TOO_LARGE"), `frames are limited to ${maxFrameBytes} bytes`));
      return;
    }
    const handled = dispatch(hub, connection, text);
    if (handled) handled.catch((error) => failed(session, error));
  } catch (error) {
    failed(session, error);
  }
}
function failed(session, error) {
  listenerFailed("message", error);
  session.close(1011, "unexpected server error");
}

// src/fallback/session.ts
var heartbeatAfterMs = 25e3;
var HttpSession = class {
  constructor(transport, ip, onEnd2) {
    this.transport = transport;
    this.ip = ip;
    this.onEnd = onEnd2;
    this.detachedAt = Date.now();
  }
  /** The open receive request's response, if any. */
  response;
  attachedAt = 0;
  lastWriteAt = 0;
  /** Lines owed while no receive request is open, and their bytes. */
  held = [];
  heldBytes = 0;
  /** Set by close(): the goodbye still to deliver, if the client has not read it yet. */
  goodbye;
  closedOrGone = false;
  /** When the last receive request ended (ms); 0 while one is open. */
  detachedAt;
  /** Stop taking the client's messages (a client over its budget). */
  paused = false;
  /** The server is stopping: the TCP connection that carries the goodbye ends with it, so the client's next request reaches a server that takes it. */
  hangUpAfterGoodbye = false;
  /** The session no longer carries a connection (it may still owe the client its goodbye). */
  get ended() {
    return this.closedOrGone;
  }
  /** Nothing left to deliver: the session can be forgotten. */
  get finished() {
    return this.closedOrGone && this.goodbye === void 0;
  }
  get destroyed() {
    return this.closedOrGone;
  }
  get bufferedBytes() {
    return this.heldBytes + (this.response?.writableLength ?? 0);
  }
  /**
   * A receive request arrived: it takes over from any earlier one and gets what is owed, `first`
   * ahead (the prelude, the open frame). A poll is answered at once when something is owed; a
   * goodbye ends any request.
   */
  attach(response, first) {
    this.detach(true);
    const owedMessages = this.held.length > 0;
    const lines = first ? [first, ...this.held] : this.held;
    this.held = [];
    this.heldBytes = 0;
    const goodbye = this.goodbye;
    this.goodbye = void 0;
    if (goodbye) lines.push(goodbye);
    const payload = lines.length === 1 ? lines[0] : Buffer.concat(lines);
    if (goodbye || this.transport === "xhr_polling" && owedMessages) {
      if (goodbye) this.hangUp(response);
      response.end(payload);
      this.detachedAt = Date.now();
      return;
    }
    this.response = response;
    this.attachedAt = this.lastWriteAt = Date.now();
    this.detachedAt = 0;
    response.on("close", () => {
      if (this.response === response) this.detach(false);
    });
    if (lines.length > 0) response.write(payload);
  }
  write(frames2) {
    if (this.closedOrGone) return;
    const line = messagesLine(frames2);
    if (line) this.deliver(line);
  }
  close(code, reason) {
    if (this.closedOrGone) return;
    this.goodbye = closeFrame2(code, reason);
    this.end();
    if (this.response) this.deliverGoodbye();
  }
  /** Ends the session now; a goodbye not yet read is dropped unless close() already queued it (it waits for one more request, bounded by the sweep). */
  terminate() {
    if (!this.goodbye) this.response?.destroy();
    this.end();
  }
  pause() {
    this.paused = true;
  }
  /** Beside the hub's pusher:ping: a heartbeat line, which a streaming pusher-js counts as activity. */
  probe() {
    if (this.transport === "xhr_streaming" && this.response) this.deliver(heartbeatFrame);
  }
  /** Once a second: heartbeats on quiet receive requests. Returns how long the session has had none open (ms; 0 while one is). */
  tick(now) {
    if (this.response) {
      if (this.transport === "xhr_streaming" && now - this.lastWriteAt > heartbeatAfterMs) this.deliver(heartbeatFrame);
      else if (this.transport === "xhr_polling" && now - this.attachedAt > heartbeatAfterMs) this.deliver(heartbeatFrame);
      return 0;
    }
    return now - this.detachedAt;
  }
  /** Drops whatever is still owed (the session is forgotten). */
  discard() {
    this.goodbye = void 0;
    this.held = [];
    this.heldBytes = 0;
    this.response?.destroy();
    this.end();
  }
  /** To the open receive request (a poll is answered and ends), or held for the next one. */
  deliver(line) {
    const response = this.response;
    if (!response) {
      this.held.push(line);
      this.heldBytes += line.length;
      return;
    }
    this.lastWriteAt = Date.now();
    if (this.transport === "xhr_polling") {
      this.detach(false);
      response.end(line);
    } else {
      response.write(line);
    }
  }
  deliverGoodbye() {
    const response = this.response;
    const goodbye = this.goodbye;
    if (!response || !goodbye) return;
    this.goodbye = void 0;
    this.detach(false);
    this.hangUp(response);
    response.end(goodbye);
  }
  hangUp(response) {
    if (this.hangUpAfterGoodbye) response.once("finish", () => response.socket?.end());
  }
  /** The receive request is no longer ours; `end`: finish it politely (a newer one took over). */
  detach(end) {
    const response = this.response;
    if (!response) return;
    this.response = void 0;
    this.detachedAt = Date.now();
    if (end && !response.writableEnded) response.end();
  }
  end() {
    if (this.closedOrGone) return;
    this.closedOrGone = true;
    this.onEnd();
  }
};

// src/fallback/fallback-server.ts
var detachedLimitMs = 15e3;
var strangersPerSecondPerIp = 10;
var strangerBurstPerIp = 50;
var receiveHeaders = {
  "Content-Type": "application/javascript; charset=UTF-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  // nginx passes each line on as it comes, even where proxy_buffering is on.
  "X-Accel-Buffering": "no"
};
var FallbackServer = class {
  constructor(hub, admission, options) {
    this.hub = hub;
    this.admission = admission;
    this.trustedProxies = new Set(options.trustedProxies);
    this.relay = options.worker ? new WorkerRelay(this) : void 0;
    this.sweepTimer = setInterval(() => guard("http", () => this.sweep(Date.now()), () => void 0), 1e3);
    this.sweepTimer.unref();
  }
  /** `{app id}/{server}/{session}` → the session and its connection. */
  sessions = /* @__PURE__ */ new Map();
  trustedProxies;
  strangers = new BucketMap(strangersPerSecondPerIp, strangerBurstPerIp);
  sweepTimer;
  accepting = true;
  relay;
  /** Answers the request and returns true when its path is a fallback session's; false leaves it to the router. */
  route = (req, res) => {
    const target = req.url ?? "/";
    const mark = target.indexOf("?");
    const parsed = parseSessionPath(mark < 0 ? target : target.slice(0, mark));
    if (parsed === void 0) return false;
    guard("http", () => this.handle(req, res, parsed), () => res.destroy());
    return true;
  };
  /** Sessions open now (the bench and tests read it). */
  get size() {
    return this.sessions.size;
  }
  /** No new sessions; the open ones are closed with the others (4200) by the WebSocket server's shutdown. */
  shutdown() {
    this.accepting = false;
    clearInterval(this.sweepTimer);
    for (const { session } of this.sessions.values()) session.hangUpAfterGoodbye = true;
  }
  handle(req, res, path) {
    const ip = clientIp(req, this.trustedProxies);
    if (path === false) return this.stranger(req, res, ip, "the session id is not valid");
    const app = this.hub.appByKey(path.key);
    if (!app) {
      req.resume();
      return sendJson(res, 404, { error: "No app with this key" });
    }
    if (!corsAllowed(req, app)) {
      req.resume();
      this.hub.events.emit("refused", { kind: "http", appId: app.id, code: 403, message: "Origin not allowed", detail: req.headers.origin?.slice(0, 100), url: req.url?.split("?")[0], ip });
      return sendJson(res, 403, { error: "Origin not allowed" });
    }
    if (req.method === "OPTIONS") return answerPreflight(req, res);
    if (req.method !== "POST") {
      req.resume();
      return sendJson(res, 405, { error: "Method not allowed" }, { ...corsHeaders(req), Allow: "POST, OPTIONS" });
    }
    const id = `${app.id}/${path.session}`;
    let entry = this.sessions.get(id);
    if (entry?.session.finished) {
      this.forget(id);
      entry = void 0;
    }
    if (!entry && this.relay) return this.elsewhere(req, res, app, id, ip, path.kind, this.relay);
    if (path.kind === "xhr_send") {
      if (!entry || entry.session.ip !== ip || entry.session.ended) return this.stranger(req, res, ip, "no such session");
      return this.receive(req, res, entry);
    }
    const transport = path.kind === "xhr" ? "xhr_polling" : "xhr_streaming";
    req.resume();
    if (!entry) {
      this.open(req, res, app, id, ip, transport);
      return;
    }
    if (entry.session.ip !== ip || entry.session.transport !== transport) return this.stranger(req, res, ip, "no such session");
    res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
    res.socket?.setNoDelay(true);
    entry.session.attach(res, transport === "xhr_streaming" ? streamingPrelude : void 0);
  }
  /**
   * `--workers`: a request for a session this worker does not hold. Its holder answers it through
   * the primary; a receive request for a session nobody holds opens it here.
   */
  async elsewhere(req, res, app, id, ip, kind, relay) {
    const claim = kind !== "xhr_send";
    if (claim) req.resume();
    let owner;
    try {
      owner = await relay.ownerOf(id, claim);
    } catch {
      req.resume();
      return sendJson(res, 503, { error: "The session could not be looked up" }, { ...corsHeaders(req), "Retry-After": "1" });
    }
    if (kind === "xhr_send") {
      if (owner === void 0 || owner === relay.self) return this.stranger(req, res, ip, "no such session");
      let body;
      try {
        body = (await readBody(req, sendLimit(app))).toString("utf8");
      } catch {
        body = void 0;
      }
      return this.answerSend(req, res, ip, await relay.send(owner, id, ip, body));
    }
    const transport = kind === "xhr" ? "xhr_polling" : "xhr_streaming";
    if (owner === relay.self) {
      const local = this.sessions.get(id);
      if (local) return this.handle(req, res, { key: app.key, session: id.slice(app.id.length + 1), kind });
      let opened = false;
      try {
        opened = this.open(req, res, app, id, ip, transport);
      } finally {
        if (!opened) relay.released(id);
      }
      return;
    }
    relay.receive(owner ?? relay.self, id, ip, transport, res, {
      attached: () => {
        res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
        res.socket?.setNoDelay(true);
      },
      refused: () => this.stranger(req, res, ip, "no such session")
    });
  }
  /** An xhr_send another worker took for a session held here. */
  relayedSend(id, ip, body) {
    const entry = this.sessions.get(id);
    if (!entry || entry.session.ip !== ip || entry.session.ended) return { status: 404, error: "No such session" };
    return acceptSend(this.hub, entry, body);
  }
  /** A receive request another worker took for a session held here: how to attach it, if it is the session's. */
  relayedReceive(id, ip, transport) {
    const entry = this.sessions.get(id);
    if (!entry || entry.session.finished || entry.session.ip !== ip || entry.session.transport !== transport) return void 0;
    return (response) => entry.session.attach(response, transport === "xhr_streaming" ? streamingPrelude : void 0);
  }
  /** Opens a session; false when it was refused (and so not opened). */
  open(req, res, app, id, ip, transport) {
    if (!this.accepting) {
      sendJson(res, 503, { error: "The server is shutting down" }, { ...corsHeaders(req), Connection: "close" });
      return false;
    }
    const applicant = { ip, url: req.url?.split("?")[0] };
    const limited = this.admission.rateLimited(app, applicant);
    if (limited) {
      sendJson(res, 429, limited.body, { ...corsHeaders(req), "Retry-After": String(limited.retryAfter) });
      return false;
    }
    const first = transport === "xhr_streaming" ? Buffer.concat([streamingPrelude, openFrame]) : openFrame;
    const query = req.url?.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    const handshake = checkHandshake({ url: `/app/${encodeURIComponent(app.key)}${query}`, headers: req.headers }, (key) => this.hub.appByKey(key));
    const verdict = this.admission.verdict(handshake, applicant, app);
    if (!verdict.ok) {
      this.refuse(req, res, first, verdict.refusal, verdict.detail);
      return false;
    }
    const session = new HttpSession(transport, ip, () => {
      setImmediate(() => {
        connection.closing = true;
        this.hub.disconnect(connection);
      });
    });
    const connection = this.admission.connection(verdict.app, session, ip, req.headers);
    this.sessions.set(id, { session, connection });
    this.admission.join(connection);
    res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
    res.socket?.setNoDelay(true);
    session.attach(res, first);
    return true;
  }
  /** Refused as a WebSocket would be (the refusal is reported by the admission): opened, told why with `pusher:error`, closed with the code. */
  refuse(req, res, first, refusal, detail) {
    const error = Buffer.from(`a${JSON.stringify([codedError(refusal, detail)])}
`);
    res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
    res.end(Buffer.concat([first, error, closeFrame2(refusal.code, refusal.message)]));
  }
  /** xhr_send: a JSON array of messages, each handled as a WebSocket text frame would be. */
  async receive(req, res, entry) {
    let body;
    try {
      body = (await readBody(req, sendLimit(entry.connection.app))).toString("utf8");
    } catch {
      body = void 0;
    }
    this.answerSend(req, res, entry.session.ip, acceptSend(this.hub, entry, body));
  }
  answerSend(req, res, ip, answer) {
    if (answer.status === 204) {
      res.writeHead(204, { ...corsHeaders(req), "Content-Length": "0" });
      res.end();
    } else if (answer.status === 404) {
      this.stranger(req, res, ip, "no such session");
    } else {
      sendJson(res, answer.status, { error: answer.error }, { ...corsHeaders(req), ...answer.status === 413 ? { Connection: "close" } : {} });
    }
  }
  /** A request for a session that is not the requester's: the same answer as none at all, and a bucket against guessing. */
  stranger(req, res, ip, why2) {
    req.resume();
    if (!this.strangers.take(ip)) {
      sendJson(res, 429, { error: "Too many requests for unknown sessions" }, { ...corsHeaders(req), "Retry-After": String(this.strangers.retryAfter(ip)) });
      return;
    }
    sendJson(res, 404, { error: `No such session: ${why2}` }, corsHeaders(req));
  }
  /** The session is forgotten here; under `--workers`, the primary no longer names this worker as its holder. */
  forget(id) {
    this.sessions.delete(id);
    this.relay?.released(id);
  }
  /** Once a second: heartbeats, and sessions whose client stopped asking (the hub's sweep pings those that still do). */
  sweep(now) {
    for (const [id, { session }] of this.sessions) {
      const detachedFor = session.tick(now);
      if (session.finished) this.forget(id);
      else if (detachedFor > detachedLimitMs) {
        session.discard();
        this.forget(id);
      }
    }
    this.strangers.prune(now);
  }
};

// src/transport/graceful-close.ts
var wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function closeGracefully(steps) {
  const { http } = steps;
  const deadline = Date.now() + steps.timeoutSeconds * 1e3;
  const closed = new Promise((resolve) => http.close(() => resolve()));
  steps.apiConnections.close();
  await steps.before();
  const requestsDeadline = Date.now() + steps.timeoutSeconds * 1e3 / 2;
  while (steps.requestsInFlight() > 0 && Date.now() < requestsDeadline) await wait(10);
  steps.websockets.shutdown();
  while (steps.connectionCount() > 0 && Date.now() < deadline) await wait(50);
  http.closeAllConnections();
  steps.apiConnections.destroyAll();
  await closed;
  await steps.after(deadline);
}

// src/metrics/metrics.ts
var import_prom_client2 = __toESM(require_prom_client(), 1);

// src/observe/counters.ts
var webhookDropReasons = ["queue_full", "retries_exhausted", "rejected", "shutdown"];
var AppCounters = class {
  /** WebSocket messages received from clients. */
  messagesIn = 0;
  /** Channel messages written to client sockets (one per recipient). */
  messagesOut = 0;
  /** Refused subscription or signin signatures, failed server-side auth calls. */
  authFailures = 0;
  circuitBreakerOpen = 0;
  /** Messages the cluster adapter could not pass on (Redis down, buffer full). */
  brokerDropped = 0;
  /** Successful channel subscriptions. */
  subscriptions = 0;
  /** Frames discarded for slow consumers (closed with SLOW_CONSUMER). */
  clientDropped = 0;
  /** Publishes (HTTP API or client events) that could not be handed to the adapter. */
  publishFailures = 0;
  webhookDropped = { queue_full: 0, retries_exhausted: 0, rejected: 0, shutdown: 0 };
  /** Webhook events a receiver accepted (2xx). */
  webhookDelivered = 0;
  /** Events accepted by the HTTP API (once per event, not per channel). */
  httpPublishes = 0;
  /** Client events accepted and published. */
  clientEvents = 0;
  /** Connection recovery: events replayed to resuming subscribers. */
  replayed = 0;
  /** Connection recovery: resumes that could not be covered, by reason. */
  discontinuities = {};
  /** Gauges, set as they change: connections with a watchlist on this node, and the distinct users they watch. */
  watchlistWatchers = 0;
  watchlistUsers = 0;
};
var CounterStore = class {
  apps = /* @__PURE__ */ new Map();
  of(appId) {
    let counters = this.apps.get(appId);
    if (!counters) {
      counters = new AppCounters();
      this.apps.set(appId, counters);
    }
    return counters;
  }
  entries() {
    return this.apps.entries();
  }
};

// src/metrics/metrics.ts
var ServerMetrics = class {
  constructor(counters) {
    this.counters = counters;
    this.authDuration = new import_prom_client2.Histogram({
      name: "pogo_websocket_auth_duration_seconds",
      help: "Duration of server-side channel authorization calls to the application",
      labelNames: ["app"],
      buckets: [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: []
    });
  }
  /** Private: never the prom-client global registry, so nothing else can add to or read it. */
  registry = new import_prom_client2.Registry();
  source;
  authDuration;
  /** Bus messages from nodes of another release (a mixed-release cluster), dropped unread. */
  foreignBusMessages = new import_prom_client2.Counter({
    name: "pogo_websocket_bus_foreign_messages_total",
    help: "Bus messages from cluster nodes of another release, dropped unread, by their wire format version (1: a release without versions)",
    labelNames: ["version"],
    registers: []
  });
  /** Set by expose() when `metrics.detailed` is on; undefined otherwise (observers check). */
  fanoutDuration;
  flushLatency;
  exposed = false;
  /** One server-side auth call took `seconds` (success or failure). */
  observeAuthDuration(appId, seconds) {
    this.authDuration.observe({ app: appId }, seconds);
  }
  foreignBusMessage(version2) {
    this.foreignBusMessages.inc({ version: String(version2) });
  }
  webhookDropped(appId, reason, events2) {
    this.counters.of(appId).webhookDropped[reason] += events2;
  }
  webhookDelivered(appId, events2) {
    this.counters.of(appId).webhookDelivered += events2;
  }
  /** Registers every metric in the private registry; call once, when the server starts. */
  expose(source, options) {
    if (this.exposed) throw new Error("metrics are already exposed");
    this.exposed = true;
    this.source = source;
    const registry = this.registry;
    for (const app of source.apps) this.counters.of(app.id);
    const store = this.counters;
    const appIds = () => source.apps.map((app) => app.id);
    new import_prom_client2.Gauge({
      name: "pogo_websocket_connections_active",
      help: "Open WebSocket connections",
      labelNames: ["app"],
      registers: [registry],
      collect() {
        this.reset();
        for (const app of source.apps) this.set({ app: app.id }, source.connectionCount(app));
      }
    });
    new import_prom_client2.Counter({
      name: "pogo_websocket_messages_total",
      help: 'WebSocket messages received from clients (direction="in") and channel messages written to clients, one per recipient (direction="out")',
      labelNames: ["app", "direction"],
      registers: [registry],
      collect() {
        this.reset();
        for (const id of appIds()) {
          const c = store.of(id);
          this.inc({ app: id, direction: "in" }, c.messagesIn);
          this.inc({ app: id, direction: "out" }, c.messagesOut);
        }
      }
    });
    const perAppField = (Metric, name, help2, field) => {
      new Metric({
        name,
        help: help2,
        labelNames: ["app"],
        registers: [registry],
        collect() {
          this.reset();
          for (const id of appIds()) this.inc({ app: id }, store.of(id)[field]);
        }
      });
    };
    const plainCounter = (name, help2, field) => perAppField(import_prom_client2.Counter, name, help2, field);
    plainCounter("pogo_websocket_auth_failures_total", "Refused channel or user authentication (bad or missing signature, failed server-side auth)", "authFailures");
    plainCounter("pogo_websocket_circuit_breaker_open_total", "Times the server-side auth circuit breaker opened", "circuitBreakerOpen");
    plainCounter("pogo_websocket_broker_dropped_messages_total", "Messages the cluster adapter (Redis) could not pass on", "brokerDropped");
    plainCounter("pogo_websocket_subscriptions_total", "Successful channel subscriptions", "subscriptions");
    plainCounter("pogo_websocket_client_dropped_messages_total", "Messages discarded for slow consumers (queued when the client was closed with SLOW_CONSUMER)", "clientDropped");
    plainCounter("pogo_websocket_publish_failures_total", "Publishes that could not be handed to the adapter", "publishFailures");
    plainCounter("pogo_websocket_webhook_delivered_total", "Webhook events accepted by a receiver (2xx)", "webhookDelivered");
    plainCounter("pogo_websocket_recovery_replayed_total", "Events replayed to subscribers resuming after a reconnect (connection recovery)", "replayed");
    new import_prom_client2.Counter({
      name: "pogo_websocket_recovery_discontinuities_total",
      help: "Resumes the history could not cover (pogo:discontinuity sent), by reason",
      labelNames: ["app", "reason"],
      registers: [registry],
      collect() {
        this.reset();
        for (const id of appIds()) {
          for (const [reason, count] of Object.entries(store.of(id).discontinuities)) this.inc({ app: id, reason }, count);
        }
      }
    });
    new import_prom_client2.Gauge({
      name: "pogo_websocket_recovery_history_bytes",
      help: "Bytes of connection-recovery history held on this node (bounded by limits.recoveryMaxBytes)",
      labelNames: ["app"],
      registers: [registry],
      collect() {
        this.reset();
        for (const app of source.apps) this.set({ app: app.id }, source.historyBytes(app));
      }
    });
    const watchlistGauge = (name, help2, field) => perAppField(import_prom_client2.Gauge, name, help2, field);
    watchlistGauge("pogo_websocket_watchlist_watchers", "Signed-in connections with a watchlist (online status) on this node (bounded by limits.maxWatchlistConnections)", "watchlistWatchers");
    watchlistGauge("pogo_websocket_watchlist_users", "Distinct users watched by the watchlists on this node", "watchlistUsers");
    new import_prom_client2.Counter({
      name: "pogo_websocket_webhook_dropped_total",
      help: "Webhook events not delivered: queue full, retries exhausted, rejected by the receiver (4xx), or still queued at shutdown",
      labelNames: ["app", "reason"],
      registers: [registry],
      collect() {
        this.reset();
        for (const id of appIds()) {
          const dropped = store.of(id).webhookDropped;
          for (const reason of webhookDropReasons) this.inc({ app: id, reason }, dropped[reason]);
        }
      }
    });
    new import_prom_client2.Counter({
      name: "pogo_websocket_listener_errors_total",
      help: "Unexpected errors caught in a listener (the one connection or request was closed, the process carried on), by listener",
      labelNames: ["listener"],
      registers: [registry],
      collect() {
        this.reset();
        for (const [listener, count] of listenerErrorCounts()) this.inc({ listener }, count);
      }
    });
    registry.registerMetric(this.authDuration);
    registry.registerMetric(this.foreignBusMessages);
    if (options.detailed) {
      this.fanoutDuration = new import_prom_client2.Histogram({
        name: "pogo_websocket_fanout_duration_seconds",
        help: "Time to queue one channel message for every local subscriber",
        labelNames: ["app"],
        buckets: [1e-5, 25e-6, 5e-5, 1e-4, 25e-5, 5e-4, 1e-3, 25e-4, 5e-3, 0.01, 0.05],
        registers: [registry]
      });
      this.flushLatency = new import_prom_client2.Histogram({
        name: "pogo_websocket_publish_flush_seconds",
        help: "Time from a channel message reaching this node to its frames being written to the sockets",
        labelNames: ["app"],
        buckets: [1e-4, 25e-5, 5e-4, 1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers: [registry]
      });
    }
    if (options.processMetrics ?? true) (0, import_prom_client2.collectDefaultMetrics)({ register: registry });
  }
  /** Set in a `--workers` worker: a scrape then answers for every worker (see workers.ts). */
  scrapeAll;
  /** In a `--workers` worker: every scrape from now on sums all workers' metrics. */
  shareAcrossWorkers(askPrimary) {
    this.scrapeAll = scrapeAcrossWorkers(this.registry, askPrimary);
  }
  /** The Prometheus text exposition of every metric. */
  scrape() {
    return this.scrapeAll ? this.scrapeAll() : this.registry.metrics();
  }
  get contentType() {
    return this.registry.contentType;
  }
  get isExposed() {
    return this.source !== void 0;
  }
};

// src/observe/counting.ts
function countingObserver(counters) {
  return {
    received(app) {
      counters.of(app.id).messagesIn++;
    },
    delivered(app, _channel, recipients) {
      counters.of(app.id).messagesOut += recipients;
    },
    subscribed(app) {
      counters.of(app.id).subscriptions++;
    },
    replayed(app, _channel, count) {
      counters.of(app.id).replayed += count;
    },
    discontinuity(app, _channel, reason) {
      const byReason = counters.of(app.id).discontinuities;
      byReason[reason] = (byReason[reason] ?? 0) + 1;
    },
    disconnected(app, connection) {
      if (connection.droppedFrames > 0) counters.of(app.id).clientDropped += connection.droppedFrames;
    },
    serverAuth({ app, breakerOpened }) {
      if (breakerOpened) counters.of(app.id).circuitBreakerOpen++;
    },
    clientEvent(app) {
      counters.of(app.id).clientEvents++;
    },
    httpPublished(app) {
      counters.of(app.id).httpPublishes++;
    },
    refused(refusal) {
      if (refusal.kind === "message" && refusal.appId !== void 0 && refusal.name !== void 0 && authFailureNames.has(refusal.name)) {
        counters.of(refusal.appId).authFailures++;
      }
    },
    publishFailed(appId) {
      counters.of(appId).publishFailures++;
    },
    brokerDropped(appId, messages) {
      counters.of(appId).brokerDropped += messages;
    },
    watchlistChanged(app, watchers, watchedUsers) {
      const c = counters.of(app.id);
      c.watchlistWatchers = watchers;
      c.watchlistUsers = watchedUsers;
    }
  };
}

// src/metrics/observer.ts
var import_node_perf_hooks = require("perf_hooks");
var maxWaiting = 1e5;
function metricsObserver(metrics) {
  const fanout = metrics.fanoutDuration;
  const flush = metrics.flushLatency;
  let waiting = [];
  let inRound = [];
  return {
    roundStarted() {
      inRound = waiting;
      waiting = [];
    },
    roundWritten() {
      if (inRound.length === 0 || !flush) return;
      const now = import_node_perf_hooks.performance.now();
      for (const { app, startedAt } of inRound) flush.observe({ app }, (now - startedAt) / 1e3);
      inRound = [];
    },
    serverAuth({ app, outcome, seconds }) {
      if (outcome !== "breaker_open" && outcome !== "busy") metrics.observeAuthDuration(app.id, seconds);
    },
    foreignBusFrame(_node, version2) {
      metrics.foreignBusMessage(version2);
    },
    delivered(app, _channel, recipients, startedAt) {
      if (startedAt > 0 && recipients > 0) {
        if (fanout) fanout.observe({ app: app.id }, (import_node_perf_hooks.performance.now() - startedAt) / 1e3);
        if (flush && waiting.length < maxWaiting) waiting.push({ app: app.id, startedAt });
      }
    }
  };
}

// src/metrics/attach.ts
function attachMetrics(metrics, hub, options, askPrimary) {
  metrics.expose(hub, { detailed: options.detailed });
  if (askPrimary) metrics.shareAcrossWorkers(askPrimary);
  hub.timeDeliveries = options.detailed;
  const observer = metricsObserver(metrics);
  hub.observe(observer);
  return options.detailed ? observer : void 0;
}

// src/metrics/routes.ts
var import_node_http5 = require("http");
function sendText(res, status, contentType, body) {
  send(res, status, contentType, body, { "Cache-Control": "no-store" });
}
function metricsRoute(metrics) {
  return async (req, res, path) => {
    if (path !== "/metrics") return false;
    req.resume();
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      sendText(res, 405, "text/plain; charset=utf-8", "Method Not Allowed\n");
      return true;
    }
    sendText(res, 200, metrics.contentType, await metrics.scrape());
    return true;
  };
}
function readinessRoute(check) {
  return (req, res, path) => {
    if (path !== "/ready" || req.method !== "GET" && req.method !== "HEAD") return false;
    req.resume();
    const problem = check();
    const body = JSON.stringify(problem === void 0 ? { status: "ready" } : { status: "not ready", reason: problem });
    sendText(res, problem === void 0 ? 200 : 503, "application/json", body);
    return true;
  };
}
async function listenForMetrics(host, port, routes2) {
  const handle = async (req, res) => {
    const target = req.url ?? "/";
    const mark = target.indexOf("?");
    const path = mark < 0 ? target : target.slice(0, mark);
    try {
      for (const route of routes2) if (await route(req, res, path)) return;
      req.resume();
      sendText(res, 404, "text/plain; charset=utf-8", "Not Found\n");
    } catch {
      if (!res.headersSent) sendText(res, 500, "text/plain; charset=utf-8", "metrics collection failed\n");
      else res.end();
    }
  };
  const server = (0, import_node_http5.createServer)(requestTimeouts, (req, res) => guard("metrics", () => handle(req, res), () => res.destroy()));
  refuseConnect(server);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })
  };
}
function adapterProblem(adapter) {
  const ready = adapter.ready;
  return typeof ready === "function" && !ready.call(adapter) ? "the message broker is not connected" : void 0;
}

// src/webhooks/sender.ts
var import_node_http6 = require("http");
var import_node_https = require("https");
var httpAgent = new import_node_http6.Agent({ keepAlive: true, maxSockets: 64 });
var httpsAgent = new import_node_https.Agent({ keepAlive: true, maxSockets: 64 });
function postWebhook(url, body, headers, timeoutMs) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const https = url.protocol === "https:";
    const req = (https ? import_node_https.request : import_node_http6.request)(url, {
      method: "POST",
      agent: https ? httpsAgent : httpAgent,
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) }
    });
    const timer = setTimeout(() => {
      settle({ ok: false, retry: true, reason: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => {
        if (status >= 200 && status < 300) settle({ ok: true, status });
        else settle({ ok: false, retry: status >= 500, status, reason: `HTTP ${status}` });
      });
      res.on("error", (error) => settle({ ok: false, retry: true, reason: error.message }));
    });
    req.on("error", (error) => settle({ ok: false, retry: true, reason: error.code ?? error.message }));
    req.end(body);
  });
}
function describeUrl(url) {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

// src/webhooks/events.ts
function clientEventData(data) {
  if (typeof data === "string") return data;
  return JSON.stringify(data ?? null);
}
function webhookBody(events2, timeMs = Date.now()) {
  return JSON.stringify({ time_ms: timeMs, events: events2 });
}

// src/webhooks/target-queue.ts
var maxBackoffMs = 3e4;
var userAgent = "pogo-websocket-webhooks/0.1";
function webhookHeaders(app, body) {
  return {
    // Exactly `application/json`: the official SDKs compare the header for equality.
    "Content-Type": "application/json",
    "X-Pusher-Key": app.key,
    "X-Pusher-Signature": hmacHex(app.secret, body),
    "User-Agent": userAgent
  };
}
function backoffMs(base, attempt, random = Math.random) {
  const full = Math.min(maxBackoffMs, base * 2 ** attempt);
  return Math.round(full / 2 + random() * full / 2);
}
var newLane = () => ({ batch: [], sealed: [], queued: 0 });
var isPresenceEvent = (event) => event.name === "member_added" || event.name === "member_removed";
var WebhookTargetQueue = class {
  constructor(app, target, options, report, send3 = postWebhook) {
    this.app = app;
    this.options = options;
    this.report = report;
    this.send = send3;
    this.url = new URL(target.url);
    this.names = eventNames(target);
  }
  url;
  /** Undefined: every event. */
  names;
  /** Presence events first, then everything else. */
  lanes = [newLane(), newLane()];
  batchTimer;
  inFlight = 0;
  abandoned = false;
  idle = [];
  sealBound = () => this.seal();
  /**
   * A reload (SIGHUP) kept this target (same URL): later events are filtered with its `events` now,
   * and every request from now on, retries included, is signed with the app's current secret.
   */
  reconfigure(app, target) {
    this.app = app;
    this.names = eventNames(target);
  }
  /** Whether `target` asks for the same events as this queue. */
  sameEvents(target) {
    const names = eventNames(target);
    if (names === void 0 || this.names === void 0) return names === this.names;
    return names.size === this.names.size && [...names].every((name) => this.names?.has(name));
  }
  wants(name) {
    return this.names === void 0 || this.names.has(name);
  }
  /** Events batching, sealed or in flight, in every lane. */
  get pending() {
    return this.lanes[0].queued + this.lanes[1].queued;
  }
  /** Never blocks: the event joins the current batch, or is dropped and counted. */
  push(event) {
    if (this.abandoned) {
      this.report.dropped("shutdown", 1, "the server is shutting down");
      return;
    }
    const lane = isPresenceEvent(event) && this.backlogged() ? this.lanes[0] : this.lanes[1];
    if (lane.queued >= this.options.maxQueuedEvents) {
      this.report.dropped("queue_full", 1, `${lane.queued} events already waiting`);
      return;
    }
    lane.queued++;
    lane.batch.push(event);
    if (lane.batch.length >= this.options.batchSize) this.seal();
    else if (this.batchTimer === void 0) this.batchTimer = setTimeout(this.sealBound, this.options.batchIntervalMs);
  }
  /**
   * Is the ordered lane behind (batches waiting for a slot), or the presence lane in use? The first
   * time, the presence events still waiting in the ordered lane move over, in order, so no member
   * event overtakes an earlier one of the same member.
   */
  backlogged() {
    const [presence, ordered] = this.lanes;
    if (presence.queued > 0) return true;
    if (ordered.sealed.length === 0) return false;
    const waiting = [...ordered.sealed, ordered.batch];
    ordered.sealed.length = 0;
    ordered.batch = [];
    for (const batch of waiting) {
      const others = batch.filter((event) => !isPresenceEvent(event));
      for (const event of batch) if (isPresenceEvent(event)) presence.batch.push(event);
      if (others.length > 0) ordered.sealed.push(others);
      const moved = batch.length - others.length;
      ordered.queued -= moved;
      presence.queued += moved;
    }
    return true;
  }
  seal() {
    if (this.batchTimer !== void 0) {
      clearTimeout(this.batchTimer);
      this.batchTimer = void 0;
    }
    for (const lane of this.lanes) {
      if (lane.batch.length === 0) continue;
      lane.sealed.push(lane.batch);
      lane.batch = [];
    }
    this.pump();
  }
  pump() {
    while (this.inFlight < this.options.concurrency) {
      const lane = this.lanes.find((l) => l.sealed.length > 0);
      if (!lane) return;
      const events2 = lane.sealed.shift();
      if (!events2) return;
      this.inFlight++;
      void this.deliver(events2).then(() => {
        this.inFlight--;
        if (!this.abandoned) lane.queued -= events2.length;
        this.pump();
        this.notifyIfIdle();
      });
    }
  }
  async deliver(events2) {
    const body = webhookBody(events2);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.send(this.url, body, webhookHeaders(this.app, body), this.options.timeoutMs);
      if (this.abandoned) return;
      if (outcome.ok) {
        this.report.delivered(events2.length);
        return;
      }
      if (!outcome.retry) {
        this.report.dropped("rejected", events2.length, `${outcome.reason}, not retried`);
        return;
      }
      if (attempt >= this.options.retries) {
        this.report.dropped("retries_exhausted", events2.length, `${outcome.reason} after ${attempt + 1} attempts`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, backoffMs(this.options.retryBackoffMs, attempt)));
      if (this.abandoned) return;
    }
  }
  notifyIfIdle() {
    if (this.pending > 0 || this.idle.length === 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
  /**
   * A reload removed this target (or its app): it gets no new events; what it holds is sent now
   * and retried as usual. Resolves once nothing waits (delivered, or dropped and counted).
   */
  retire() {
    this.seal();
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
  /**
   * Sends what is batched now and waits for everything to be delivered or given up, until
   * `deadline` (ms since the epoch). What is still waiting then is dropped as `shutdown`.
   */
  async drain(deadline) {
    this.seal();
    if (this.pending > 0) {
      let timer;
      await Promise.race([
        new Promise((resolve) => this.idle.push(resolve)),
        new Promise((resolve) => timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))
      ]);
      clearTimeout(timer);
    }
    if (this.pending > 0) this.report.dropped("shutdown", this.pending, "still waiting when the shutdown timeout ran out");
    for (const lane of this.lanes) {
      lane.queued = 0;
      lane.sealed.length = 0;
    }
    this.abandoned = true;
  }
};
function eventNames(target) {
  return target.events.length > 0 ? new Set(target.events) : void 0;
}

// src/webhooks/dispatcher.ts
var warnIntervalMs = 1e4;
var WebhookDispatcher = class {
  constructor(apps, options, sink, send3, recheck) {
    this.options = options;
    this.sink = sink;
    this.send = send3;
    this.recheck = recheck;
    this.reconfigure(apps);
  }
  targets = /* @__PURE__ */ new Map();
  /** Targets a reload removed that still send what they held. */
  retiring = /* @__PURE__ */ new Set();
  /** Per app: the union of the events its targets want. */
  wanted = /* @__PURE__ */ new Map();
  delayedVacated = /* @__PURE__ */ new Map();
  delayedRemoved = /* @__PURE__ */ new Map();
  warned = /* @__PURE__ */ new Map();
  /**
   * Each app's targets as `apps` configures them, for events from now on. A target is known by its
   * URL: one still configured keeps its queue (nothing queued is lost or sent twice; a new `events`
   * filter applies to later events; the app's current secret signs from the next request on). A
   * target no longer configured, or whose app is gone, takes no new events, but what it already
   * holds is still delivered under the usual retries: those events happened while it was
   * configured, and the receiver's state (occupied channels, members) depends on them. A removed
   * app's later events (the vacated of its closed clients too) go nowhere, as for an app without targets.
   */
  reconfigure(apps) {
    const changes = [];
    const configured = new Set(apps.map((app) => app.id));
    for (const [appId, queues] of this.targets) {
      if (configured.has(appId)) continue;
      for (const queue of queues) this.retire(queue);
      changes.push({ appId, targets: 0, kept: 0, refiltered: 0, added: 0, retired: queues.length });
      this.targets.delete(appId);
      this.wanted.delete(appId);
    }
    for (const app of apps) {
      const change = this.reconfigureApp(app);
      if (change.refiltered + change.added + change.retired > 0) changes.push(change);
    }
    return changes;
  }
  reconfigureApp(app) {
    const change = { appId: app.id, targets: app.webhooks.length, kept: 0, refiltered: 0, added: 0, retired: 0 };
    const unmatched = [...this.targets.get(app.id) ?? []];
    const take = (target, sameEvents) => {
      const href = new URL(target.url).href;
      const at = unmatched.findIndex((queue) => queue.url.href === href && (!sameEvents || queue.sameEvents(target)));
      return at < 0 ? void 0 : unmatched.splice(at, 1)[0];
    };
    const exact = app.webhooks.map((target) => take(target, true));
    const queues = app.webhooks.map((target, i) => {
      const kept = exact[i];
      if (kept) change.kept++;
      const queue = kept ?? take(target, false);
      if (queue && !kept) change.refiltered++;
      if (queue) {
        queue.reconfigure(app, target);
        return queue;
      }
      change.added++;
      return this.newQueue(app, target);
    });
    for (const queue of unmatched) this.retire(queue);
    change.retired = unmatched.length;
    if (queues.length === 0) {
      this.targets.delete(app.id);
      this.wanted.delete(app.id);
    } else {
      this.targets.set(app.id, queues);
      this.wanted.set(app.id, app.webhooks.some((t) => t.events.length === 0) ? "all" : new Set(app.webhooks.flatMap((t) => t.events)));
    }
    return change;
  }
  newQueue(app, target) {
    const url = describeUrl(new URL(target.url));
    const { sink } = this;
    return new WebhookTargetQueue(app, target, this.options, {
      delivered: (events2) => sink.delivered(app.id, events2),
      dropped: (reason, events2, detail) => {
        sink.dropped(app.id, reason, events2);
        this.warn(`${app.id} ${url} ${reason}`, events2, `webhook to ${url} (app ${app.id}): ${events2} event${events2 === 1 ? "" : "s"} dropped (${reason.replace("_", " ")}: ${detail})`);
      }
    }, this.send);
  }
  retire(queue) {
    this.retiring.add(queue);
    void queue.retire().then(() => this.retiring.delete(queue));
  }
  /** Cheap enough for every client event: apps without webhooks answer from one map lookup. */
  wants(app, name) {
    const wanted = this.wanted.get(app.id);
    return wanted !== void 0 && (wanted === "all" || wanted.has(name));
  }
  /** Queues the event for every target of the app that asked for it. */
  emit(app, event) {
    const queues = this.targets.get(app.id);
    if (!queues) return;
    for (const queue of queues) if (queue.wants(event.name)) queue.push(event);
  }
  channelOccupied(app, channel2) {
    if (!this.wants(app, "channel_occupied") && !this.wants(app, "channel_vacated")) return;
    if (this.cancel(this.delayedVacated, `${app.id}
${channel2}`)) return;
    this.emit(app, { name: "channel_occupied", channel: channel2 });
  }
  channelVacated(app, channel2) {
    if (!this.wants(app, "channel_occupied") && !this.wants(app, "channel_vacated")) return;
    this.delay(
      this.delayedVacated,
      `${app.id}
${channel2}`,
      () => this.recheck?.channelEmpty(app, channel2),
      () => this.emit(app, { name: "channel_vacated", channel: channel2 })
    );
  }
  memberAdded(app, channel2, userId) {
    if (!this.wants(app, "member_added") && !this.wants(app, "member_removed")) return;
    if (this.cancel(this.delayedRemoved, `${app.id}
${channel2}
${userId}`)) return;
    this.emit(app, { name: "member_added", channel: channel2, user_id: userId });
  }
  memberRemoved(app, channel2, userId) {
    if (!this.wants(app, "member_added") && !this.wants(app, "member_removed")) return;
    this.delay(
      this.delayedRemoved,
      `${app.id}
${channel2}
${userId}`,
      () => this.recheck?.memberGone(app, channel2, userId),
      () => this.emit(app, { name: "member_removed", channel: channel2, user_id: userId })
    );
  }
  delay(map, key, stillTrue, send3) {
    if (map.has(key)) return;
    const fire = async () => {
      const check = stillTrue();
      if (check === void 0) send3();
      else if (await check.catch(() => true)) send3();
    };
    if (this.options.vacatedDelayMs === 0) {
      send3();
      return;
    }
    const timer = setTimeout(() => {
      map.delete(key);
      void fire();
    }, this.options.vacatedDelayMs);
    map.set(key, { timer, fire });
  }
  cancel(map, key) {
    const delayed = map.get(key);
    if (!delayed) return false;
    clearTimeout(delayed.timer);
    map.delete(key);
    return true;
  }
  warn(key, events2, message) {
    const now = Date.now();
    const last = this.warned.get(key);
    if (last && now - last.at < warnIntervalMs) {
      last.since += events2;
      return;
    }
    const more = last && last.since > 0 ? ` (+${last.since} more dropped since the last warning)` : "";
    this.warned.set(key, { at: now, since: 0 });
    this.sink.warn(message + more);
  }
  /** Events waiting across every target (for tests and shutdown logs). */
  get pending() {
    let total = 0;
    for (const queues of this.targets.values()) for (const queue of queues) total += queue.pending;
    for (const queue of this.retiring) total += queue.pending;
    return total;
  }
  /**
   * Shutdown: held vacated/removed events go now (the server is leaving), then every target
   * sends what it has until `deadline`; the rest is dropped and counted.
   */
  async drain(deadline) {
    const fired = [];
    for (const map of [this.delayedRemoved, this.delayedVacated]) {
      for (const [key, delayed] of map) {
        clearTimeout(delayed.timer);
        map.delete(key);
        fired.push(delayed.fire());
      }
    }
    let timer;
    await Promise.race([Promise.all(fired), new Promise((resolve) => timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
    clearTimeout(timer);
    const all = [];
    for (const queues of this.targets.values()) for (const queue of queues) all.push(queue.drain(deadline));
    for (const queue of this.retiring) all.push(queue.drain(deadline));
    await Promise.all(all);
  }
};

// src/webhooks/observer.ts
function webhookObserver(webhooks2) {
  return {
    channelOccupied: (app, channel2) => webhooks2.channelOccupied(app, channel2),
    channelVacated: (app, channel2) => webhooks2.channelVacated(app, channel2),
    memberAdded: (app, channel2, userId) => webhooks2.memberAdded(app, channel2, userId),
    memberRemoved: (app, channel2, userId) => webhooks2.memberRemoved(app, channel2, userId),
    cacheMiss(app, channel2) {
      if (webhooks2.wants(app, "cache_miss")) webhooks2.emit(app, { name: "cache_miss", channel: channel2 });
    },
    subscriptionCount(app, channel2, count) {
      if (webhooks2.wants(app, "subscription_count")) {
        webhooks2.emit(app, { name: "subscription_count", channel: channel2, subscription_count: count });
      }
    },
    clientEvent(app, channel2, event, data, socketId, userId) {
      if (!webhooks2.wants(app, "client_event")) return;
      webhooks2.emit(app, {
        name: "client_event",
        channel: channel2,
        event,
        data: clientEventData(data),
        socket_id: socketId,
        ...userId !== void 0 ? { user_id: userId } : {}
      });
    }
  };
}

// src/webhooks/recheck.ts
function clusterRecheck(adapter) {
  if (!adapter.shared) return void 0;
  return {
    channelEmpty: async (app, channel2) => (await adapter.channel(app.id, channel2)).subscriptionCount === 0,
    memberGone: async (app, channel2, userId) => !(await adapter.presenceUsers(app.id, channel2)).includes(userId)
  };
}

// src/deploy/tls.ts
var import_node_crypto9 = require("crypto");
var import_node_fs5 = require("fs");
function read(file, key) {
  try {
    return (0, import_node_fs5.readFileSync)(file);
  } catch (error) {
    const code = error.code;
    throw new ConfigError(key, `cannot read ${file} (${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : error.message})`);
  }
}
var why = (error) => error.message.replace(/^error:[0-9A-F]+:/, "");
function certificate(pem, file, key) {
  try {
    return new import_node_crypto9.X509Certificate(pem);
  } catch (error) {
    throw new ConfigError(key, `${file} is not a PEM certificate (${why(error)})`);
  }
}
function tlsContextOptions(config) {
  const cert = read(config.cert, "tls.cert");
  const key = read(config.key, "tls.key");
  const ca = config.ca === void 0 ? void 0 : read(config.ca, "tls.ca");
  const leaf = certificate(cert, config.cert, "tls.cert");
  if (ca) certificate(ca, config.ca, "tls.ca");
  let privateKey;
  try {
    privateKey = (0, import_node_crypto9.createPrivateKey)({ key, ...config.passphrase !== void 0 ? { passphrase: config.passphrase } : {} });
  } catch (error) {
    const message = why(error);
    if (/passphrase|decrypt|bad decrypt/i.test(message)) throw new ConfigError("tls.passphrase", `does not decrypt ${config.key} (${message})`);
    throw new ConfigError("tls.key", `${config.key} is not a PEM private key (${message})`);
  }
  if (!leaf.checkPrivateKey(privateKey)) throw new ConfigError("tls.key", `${config.key} is not the key of the certificate in ${config.cert}`);
  if (Date.parse(leaf.validTo) < Date.now()) throw new ConfigError("tls.cert", `${config.cert} expired on ${leaf.validTo}`);
  return { cert, key, ...ca ? { ca } : {}, ...config.passphrase !== void 0 ? { passphrase: config.passphrase } : {} };
}

// src/deploy/reload.ts
function reloadApps(hub, next) {
  const change = { added: [], removed: [], changed: [], disabled: [] };
  const wanted = new Map(next.map((app) => [app.id, app]));
  for (const current of hub.apps) {
    if (!wanted.has(current.id)) {
      hub.removeApp(current.id, closeCode("APP_NOT_FOUND"));
      change.removed.push(current.id);
    }
  }
  for (const app of next) {
    const current = hub.appById(app.id);
    if (!current) {
      hub.addApp(app);
      change.added.push(app.id);
    } else if (JSON.stringify(current) !== JSON.stringify(app)) {
      const disabled = current.enabled && !app.enabled;
      hub.updateApp(app, disabled ? closeCode("APP_DISABLED") : void 0);
      (disabled ? change.disabled : change.changed).push(app.id);
    }
  }
  return change;
}
function describeChange(change) {
  const parts = ["added", "removed", "disabled", "changed"].filter((kind) => change[kind].length > 0).map((kind) => `${kind} ${change[kind].join(", ")}`);
  return parts.length > 0 ? parts.join("; ") : "apps unchanged";
}
var labels = { kept: "kept", refiltered: "events changed", added: "added", retired: "removed" };
function describeWebhookChange(changes) {
  if (changes.length === 0) return "";
  const apps = changes.map((change) => {
    const what = ["kept", "refiltered", "added", "retired"].filter((kind) => change[kind] > 0).map((kind) => `${change[kind]} ${labels[kind]}`);
    return `${change.appId} ${change.targets} target${change.targets === 1 ? "" : "s"} (${what.join(", ")})`;
  });
  return `webhooks: ${apps.join("; ")}`;
}
function reload(reloader) {
  let config;
  try {
    config = reloader.load();
  } catch (error) {
    reloader.log.warn(`SIGHUP: configuration not reloaded, the running one stays: ${error.message}`);
    return;
  }
  try {
    reloader.log.info(`SIGHUP: configuration reloaded (${reloader.apply(config)})`);
  } catch (error) {
    reloader.log.warn(`SIGHUP: reloading failed part way: ${error.message}`);
  }
}

// src/server.ts
async function startServer(config, log2) {
  const hub = new Hub(config.apps, (node) => selectAdapter(node, config, log2));
  const { adapter } = hub;
  await adapter.start();
  const counters = new CounterStore();
  hub.observe(countingObserver(counters));
  const metrics = new ServerMetrics(counters);
  const webhooks2 = new WebhookDispatcher(
    config.apps,
    config.webhooks,
    {
      delivered: (appId, events2) => metrics.webhookDelivered(appId, events2),
      dropped: (appId, reason, events2) => metrics.webhookDropped(appId, reason, events2),
      warn: (message) => log2.warn(message)
    },
    void 0,
    clusterRecheck(adapter)
  );
  hub.observe(webhookObserver(webhooks2));
  const router = new ApiRouter({ hub, adapter }, config.trustedProxies);
  const dashboard = config.dashboard.enabled ? new Dashboard({ hub, adapter, config: config.dashboard, counters, api: () => ({ host: config.host, port }) }) : void 0;
  const liveness = livenessRoute(
    () => hub.stats(),
    () => ({ ...dashboard ? { dashboard: dashboard.info } : {}, ...adapter instanceof ClusterAdapter ? { cluster: { foreignNodes: adapter.foreign.list() } } : {} }),
    config.trustedProxies
  );
  router.addPlainRoute(liveness);
  if (dashboard && config.dashboard.port === void 0) router.addPlainRoute(dashboard.route);
  let shuttingDown = false;
  const readiness = readinessRoute(
    () => shuttingDown ? "shutting down" : !http.listening ? "not listening yet" : adapterProblem(adapter)
  );
  router.addPlainRoute(readiness);
  let metricsListener;
  let rounds;
  if (config.metrics.enabled) {
    const askPrimary = import_node_cluster8.default.isWorker ? (timeoutMs) => primaryLink.call("scrape", [], timeoutMs) : void 0;
    rounds = attachMetrics(metrics, hub, config.metrics, askPrimary);
    if (config.metrics.port === void 0) router.addPlainRoute(metricsRoute(metrics));
  }
  const handle = (req, res) => {
    if (fallback.route(req, res)) return;
    guard("http", () => router.handle(req, res), () => res.destroy());
  };
  const tls = config.tls;
  const serverOptions = requestTimeouts;
  const secure = tls ? (0, import_node_https2.createServer)({ ...serverOptions, handshakeTimeout: 5e3, ...tlsContextOptions(tls) }, handle) : void 0;
  const http = secure ? secure : (0, import_node_http7.createServer)(serverOptions, handle);
  refuseConnect(http);
  const apiConnections = new ApiConnections(http, router, secure !== void 0);
  const websockets = new PusherWebSocketServer(hub, { trustedProxies: config.trustedProxies });
  websockets.attach(http);
  websockets.outbound.rounds = rounds;
  const fallback = new FallbackServer(hub, websockets.admission, { trustedProxies: config.trustedProxies, worker: import_node_cluster8.default.isWorker });
  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address();
  if (dashboard) {
    const own = await dashboard.start();
    log2.info(`pogo-ws dashboard on ${own ?? `http://${config.host}:${port}${config.dashboard.path}/`}`);
  }
  if (config.metrics.enabled && config.metrics.port !== void 0) {
    const host = config.metrics.host ?? config.host;
    metricsListener = await listenForMetrics(host, config.metrics.port, [metricsRoute(metrics), readiness, liveness]);
    log2.info(`pogo-ws metrics on http://${host}:${metricsListener.port}/metrics`);
  }
  log2.info(`pogo-ws listening on ${secure ? "https" : "http"}://${config.host}:${port} (${config.apps.length} app${config.apps.length === 1 ? "" : "s"}: ${config.apps.map((a) => a.id).join(", ")})`);
  let closing;
  return {
    host: config.host,
    port,
    hub,
    close() {
      shuttingDown = true;
      router.stop();
      closing ??= closeGracefully({
        http,
        apiConnections,
        websockets,
        connectionCount: () => hub.connectionCount(),
        requestsInFlight: () => router.inFlight,
        timeoutSeconds: config.shutdownTimeoutSeconds,
        before: async () => {
          fallback.shutdown();
          await dashboard?.close();
        },
        after: async (deadline) => {
          await new Promise((resolve) => adapter.shared ? setTimeout(resolve, 100) : setImmediate(resolve));
          await webhooks2.drain(Math.max(deadline, Date.now() + 1e3));
          await adapter.close();
          await metricsListener?.close();
        }
      });
      return closing;
    },
    reload(next) {
      const done = [describeChange(reloadApps(hub, next.apps))];
      const targets = describeWebhookChange(webhooks2.reconfigure(next.apps));
      if (targets) done.push(targets);
      if (secure && next.tls) {
        try {
          secure.setSecureContext(tlsContextOptions(next.tls));
          done.push("certificate reloaded");
        } catch (error) {
          log2.warn(`SIGHUP: certificate not reloaded, the one in use stays: ${error.message}`);
        }
      } else if (Boolean(secure) !== Boolean(next.tls)) {
        log2.warn(`SIGHUP: tls was turned ${next.tls ? "on" : "off"} in the configuration; that takes a restart`);
      }
      return done.join("; ");
    }
  };
}

// src/deploy/environment.ts
var import_node_fs6 = require("fs");
var import_node_util = require("util");
var fileKeysVariable = "POGO_ENV_FILE_KEYS";
function readEnvFile(file) {
  try {
    return (0, import_node_util.parseEnv)((0, import_node_fs6.readFileSync)(file, "utf8"));
  } catch (error) {
    throw new ConfigError("--env-file", `cannot be read: ${error.message}`);
  }
}
function loadEnvironment(file) {
  const inherited = new Set((process.env[fileKeysVariable] ?? "").split(",").filter(Boolean));
  const own = {};
  for (const [name, value] of Object.entries(process.env)) if (!inherited.has(name) && name !== fileKeysVariable) own[name] = value;
  if (file === void 0) return () => ({ ...process.env });
  const added = [];
  for (const [name, value] of Object.entries(readEnvFile(file))) {
    if (process.env[name] === void 0) {
      process.env[name] = value;
      added.push(name);
    }
  }
  process.env[fileKeysVariable] = [.../* @__PURE__ */ new Set([...inherited, ...added])].join(",");
  return () => ({ ...readEnvFile(file), ...own });
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
  --workers N|auto    run N processes on the one port (auto: one per CPU core; default: WS_WORKERS
                      or 1). They share state through Redis when configured, else through this
                      process over IPC, with no extra service.

Without --config, one app comes from the environment: WS_APP_ID, WS_APP_KEY (default: the
app id), WS_APP_SECRET or WS_APP_SECRET_<APP_ID>; REVERB_APP_* are read when WS_APP_* are not.
With nothing configured, a development app (id app-id, key app-key, secret app-secret) is used.

More environment variables (each also a key of the --config file; the README has the tables):
  WS_ALLOWED_ORIGINS, WS_TRUSTED_PROXIES, WS_CLIENT_EVENTS, WS_AUTH_ENDPOINT, WS_RECOVERY,
  WS_REDIS_URL, WS_REDIS_PASSWORD, WS_WEBHOOK_URL, WS_WEBHOOK_EVENTS,
  WS_METRICS_ENABLED, WS_METRICS_PORT, WS_METRICS_HOST, WS_METRICS_DETAILED,
  WS_DASHBOARD_ENABLED, WS_DASHBOARD_PATH, WS_DASHBOARD_PORT, WS_DASHBOARD_HOST,
  WS_DASHBOARD_TOKEN, WS_DASHBOARD_USER, WS_DASHBOARD_PASSWORD,
  WS_TLS_CERT, WS_TLS_KEY, WS_TLS_CA, WS_TLS_PASSPHRASE (wss:// and https:// on the port),
  WS_REDIS_HISTORY (recovery history kept in Redis too, so it outlives a restart)

Signals: SIGTERM/SIGINT stop gracefully (clients get 4200, exit 0); SIGHUP reads the configuration
again (apps, secrets, the certificate) without dropping connections. POST /apps/{id}/restart (signed)
stops every process of the deployment as SIGTERM does, for its supervisor to start it again.
`;
var log = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
  error: (m) => console.error(`error: ${m}`)
};
function workerCount(value) {
  if (value === void 0 || value === "") return 1;
  if (value === "auto") return (0, import_node_os3.availableParallelism)();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new ConfigError("--workers", 'must be a positive integer or "auto"');
  return n;
}
function workerLog(parent) {
  const id = import_node_cluster9.default.worker?.id ?? 0;
  return {
    info: (m) => m.startsWith("pogo-ws listening") ? process.send?.({ pogo: "listening", line: m }) : parent.info(`[worker ${id}] ${m}`),
    warn: (m) => parent.warn(`[worker ${id}] ${m}`),
    error: (m) => parent.error(`[worker ${id}] ${m}`)
  };
}
async function main(argv) {
  const { values, positionals } = (0, import_node_util2.parseArgs)({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      config: { type: "string" },
      "env-file": { type: "string" },
      workers: { type: "string" },
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
  let onHangup = () => log.warn("SIGHUP before start-up finished: ignored");
  process.on("SIGHUP", () => onHangup());
  const envFile = values["env-file"] ?? ((0, import_node_fs7.existsSync)(".env") ? ".env" : void 0);
  const environment = loadEnvironment(envFile);
  const config = loadConfig({ file: values.config, host: values.host, port: values.port, env: process.env, warn: import_node_cluster9.default.isWorker ? void 0 : log.warn });
  if (config.tls) tlsContextOptions(config.tls);
  const workers = workerCount(values.workers ?? process.env.WS_WORKERS);
  if (workers > 1 && import_node_cluster9.default.isPrimary) {
    onHangup = () => void 0;
    return runPrimary({ workers, ipc: !config.redis, log, gatherMetrics: workerMetricsGatherer() });
  }
  const serverLog = import_node_cluster9.default.isWorker ? workerLog(log) : log;
  const server = await startServer(config, serverLog);
  onHangup = () => reload({
    load: () => loadConfig({ file: values.config, host: values.host, port: values.port, env: environment() }),
    apply: (next) => server.reload(next),
    log: serverLog
  });
  if (import_node_cluster9.default.isWorker) process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
  return new Promise((resolve) => {
    const stop = (signal) => {
      if (signal !== "restart") log.info(`${signal}: closing connections (4200) and shutting down`);
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
    server.hub.observe(restartObserver({ info: serverLog.info, stop: () => stop("restart") }));
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
