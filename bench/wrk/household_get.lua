-- GET /api/v1/households/{id} for random ids of the signed-in landlord.
-- wrk ... -s household_get.lua URL -- MIN_ID MAX_ID COOKIE
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local min_id, max_id, headers

setup = common.setup
done = common.done

function init(args)
  min_id, max_id = tonumber(args[1]), tonumber(args[2])
  headers = { ["Cookie"] = args[3] }
  common.seed()
end

function request()
  return wrk.format("GET", "/api/v1/households/" .. math.random(min_id, max_id), headers)
end
