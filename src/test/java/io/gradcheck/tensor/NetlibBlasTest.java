package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where NetlibBlas looks for the system's libblas.so.3 before it lets netlib try its native loader. */
class NetlibBlasTest {
    @TempDir
    Path dir;

    private Path lib(String sub) throws Exception {
        Path d = Files.createDirectories(dir.resolve(sub));
        return Files.writeString(d.resolve("libblas.so.3"), "");
    }

    @Test
    void aDirectoryOfLdLibraryPathIsSearchedFirst() throws Exception {
        Path a = lib("a");
        Path noCache = dir.resolve("no-cache");
        assertEquals(a, NetlibBlas.findSystemBlas("/nonexistent::" + a.getParent(), noCache));
    }

    @Test
    void theLoadersCacheNamesTheLibraryByItsFullPath() throws Exception {
        Path b = lib("b");
        // as in glibc's cache: a soname, then the path it maps to, NUL-terminated, among other entries
        Path cache = Files.write(dir.resolve("ld.so.cache"), ("glibc-ld.so.cache1.1\0libm.so.6\0/lib/libm.so.6\0"
                + "libblas.so.3\0" + b + "\0libc.so.6\0/lib/libc.so.6\0").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(b), NetlibBlas.cached(cache));
        assertEquals(b, NetlibBlas.findSystemBlas(null, cache));
    }

    @Test
    void aListedPathWhoseFileIsGoneDoesNotCount() throws Exception {
        Path gone = dir.resolve("gone/libblas.so.3");
        Path dangling = Files.createSymbolicLink(Files.createDirectories(dir.resolve("c")).resolve("libblas.so.3"), gone);
        Path cache = Files.write(dir.resolve("ld.so.cache"), ("libblas.so.3\0" + gone + "\0libblas.so.3\0" + dangling + "\0")
                .getBytes(StandardCharsets.ISO_8859_1));
        Path found = NetlibBlas.findSystemBlas(dir.resolve("c").toString(), cache);
        assertNotEquals(gone, found);
        assertNotEquals(dangling, found);  // only a default directory such as /usr/lib may still hold one
    }

    @Test
    void aMissingCacheIsNoError() {
        assertEquals(List.of(), NetlibBlas.cached(dir.resolve("none")));
    }
}
