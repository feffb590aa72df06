-- GET /api/v1/households/search?q=... with queries drawn from a file of URL-encoded queries
-- (one a line; bench/run makes it from the data: first names, last names, "st lo", phones).
-- wrk ... -s household_search.lua URL -- QUERIES_FILE COOKIE
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local queries, headers = {}, nil

setup = common.setup
done = common.done

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then queries[#queries + 1] = "/api/v1/households/search?q=" .. line end
  end
  headers = { ["Cookie"] = args[2] }
  common.seed()
end

function request()
  return wrk.format("GET", queries[math.random(#queries)], headers)
end
