-- The HTTP floor: the same client work as household_get.lua (a Lua request with a cookie),
-- against nginx serving one static file. wrk ... -s static_file.lua URL -- PATH COOKIE
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local path, headers

setup = common.setup
done = common.done

function init(args)
  path = args[1]
  headers = { ["Cookie"] = args[2] }
  common.seed()
end

function request()
  return wrk.format("GET", path, headers)
end
