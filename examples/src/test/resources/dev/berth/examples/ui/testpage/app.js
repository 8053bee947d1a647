console.log("test page");
