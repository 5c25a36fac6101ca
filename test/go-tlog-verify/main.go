// Command go-tlog-verify checks Docket's public log with Go's own transparency-log packages,
// golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog, which Docket's authors did not write:
// the checkpoint's signed note, the root recomputed from the C2SP tlog-tiles, every entry in the
// entry bundles against its leaf hash, and (given an older checkpoint) that the log only grew.
//
//	go-tlog-verify <prefix: URL or directory> <verifier key> <origin> [older checkpoint file]
//
// Build offline on Debian (golang-go, golang-golang-x-mod-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o go-tlog-verify ./test/go-tlog-verify
//
// Exit status: 0 when everything matches, 1 with the mismatch named on standard error.
package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const height = 8

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go-tlog-verify: "+format+"\n", args...)
	os.Exit(1)
}

// fetch reads a resource under the log prefix, over HTTP(S) or from a directory.
func fetch(prefix, path string) ([]byte, error) {
	if strings.HasPrefix(prefix, "http://") || strings.HasPrefix(prefix, "https://") {
		resp, err := http.Get(strings.TrimSuffix(prefix, "/") + "/" + path)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	return os.ReadFile(filepath.Join(prefix, filepath.FromSlash(path)))
}

// c2spPath turns Go's tile path (tile/<H>/<L>/<N>, with L -1 written "data") into the C2SP one.
func c2spPath(t tlog.Tile) string {
	p := strings.Replace(t.Path(), fmt.Sprintf("tile/%d/", height), "tile/", 1)
	return strings.Replace(p, "tile/data/", "tile/entries/", 1)
}

type tiles struct {
	prefix string
	cache  map[string][]byte
}

func (t *tiles) Height() int { return height }

func (t *tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, tile := range ts {
		path := c2spPath(tile)
		data, ok := t.cache[path]
		if !ok {
			var err error
			if data, err = fetch(t.prefix, path); err != nil {
				return nil, err
			}
			t.cache[path] = data
		}
		out[i] = data
	}
	return out, nil
}

func (t *tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func openCheckpoint(name string, msg []byte, v note.Verifier, origin string) tlog.Tree {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		fail("%s: %v", name, err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != origin {
		fail("%s: not a checkpoint of %s", name, origin)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		fail("%s: bad tree size %q", name, lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("%s: bad root hash", name)
	}
	return tlog.Tree{N: size, Hash: root}
}

func main() {
	if len(os.Args) < 4 {
		fail("usage: go-tlog-verify <prefix> <verifier key> <origin> [older checkpoint file]")
	}
	prefix, vkey, origin := os.Args[1], os.Args[2], os.Args[3]
	v, err := note.NewVerifier(vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	msg, err := fetch(prefix, "checkpoint")
	if err != nil {
		fail("checkpoint: %v", err)
	}
	tree := openCheckpoint("checkpoint", msg, v, origin)
	// TileHashReader checks every tile it reads against the checkpoint's root before using it.
	reader := tlog.TileHashReader(tree, &tiles{prefix, map[string][]byte{}})
	if root, err := tlog.TreeHash(tree.N, reader); err != nil || root != tree.Hash {
		fail("the root recomputed from the tiles does not match the checkpoint (%v)", err)
	}
	for start := int64(0); start < tree.N; start += 1 << height {
		width := tree.N - start
		if width > 1<<height {
			width = 1 << height
		}
		bundle := tlog.Tile{H: height, L: -1, N: start >> height, W: int(width)}
		data, err := fetch(prefix, c2spPath(bundle))
		if err != nil {
			fail("%v", err)
		}
		indexes := make([]int64, width)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		leaves, err := reader.ReadHashes(indexes)
		if err != nil {
			fail("leaf hashes of %s: %v", c2spPath(bundle), err)
		}
		for i := int64(0); i < width; i++ {
			if len(data) < 2 || len(data) < 2+int(binary.BigEndian.Uint16(data)) {
				fail("%s: truncated at entry %d", c2spPath(bundle), start+i)
			}
			size := int(binary.BigEndian.Uint16(data))
			if tlog.RecordHash(data[2:2+size]) != leaves[i] {
				fail("entry %d does not match its leaf hash in the tree", start+i)
			}
			data = data[2+size:]
		}
		if len(data) != 0 {
			fail("%s: bytes after its last entry", c2spPath(bundle))
		}
	}
	if len(os.Args) > 4 {
		older, err := os.ReadFile(os.Args[4])
		if err != nil {
			fail("%v", err)
		}
		old := openCheckpoint(os.Args[4], older, v, origin)
		proof, err := tlog.ProveTree(tree.N, old.N, reader)
		if err != nil {
			fail("consistency with %s: %v", os.Args[4], err)
		}
		if err := tlog.CheckTree(proof, tree.N, tree.Hash, old.N, old.Hash); err != nil {
			fail("the log of %d entries does not extend %s: %v", tree.N, os.Args[4], err)
		}
	}
	fmt.Printf("ok: %s, %d entries, root %s\n", origin, tree.N, tree.Hash)
}
