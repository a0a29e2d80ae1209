// The page is on screen (its heading is static): the mark the app sets after its first page.
performance.mark("first-page");
