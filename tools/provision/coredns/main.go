// CoreDNS as the cluster tests' node runs it (tools/k8s/node/addons.ts): the
// release's server with only the plugins its Corefile names, in the order they
// handle a query (dnsserver.Directives), as CoreDNS documents a build of one's
// own. None of the cloud back ends of the full build is compiled.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/ready"
)

func init() {
	dnsserver.Directives = []string{"errors", "health", "ready", "kubernetes", "cache", "loadbalance"}
}

func main() { coremain.Run() }
