errdexIndex("meta",{"version":1,"docs":63,"shards":1,"chunk":32});
