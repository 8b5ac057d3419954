errdexIndex("meta",{"version":2,"docs":113,"shards":1,"chunk":32,"stop":1000,"kinds":{"code":[0,49],"enum":[87,108],"field":[53,87],"mention":[49,51],"operation":[51,53],"page":[108,113]}});
