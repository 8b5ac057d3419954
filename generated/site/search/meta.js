errdexIndex("meta",{"version":1,"docs":62,"shards":1,"chunk":32});
