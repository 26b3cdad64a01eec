// Lua run atomically by Redis, so that exactly one node sees each cluster-wide flip.
// Per channel (all keys share one hash tag, hence one Cluster slot):
//   KEYS[1] set   node ids occupying the channel
//   KEYS[2] hash  presence user id → user_info JSON
//   KEYS[3] hash  presence user id → how many nodes hold a connection of that user
//   KEYS[4] hash  node id .. user id → 1 (which node holds which user; makes KEYS[3] exact)
// Counters change only together with their KEYS[4] field, so they never drift: removing a
// dead node's fields removes its share of the counts.

/** ARGV: node, occupied '1'|'0', user id or '', user_info JSON, want members '1'|'0'. */
export const enterScript = `
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

/** KEYS[1] hash node id → subscriber count; ARGV: node, count. Answers the sum over nodes. */
export const countScript = `
if tonumber(ARGV[2]) > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
local total = 0
for _, n in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(n) end
return total
`;

/** ARGV: node, vacated '1'|'0', user id or ''. */
export const exitScript = `
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
