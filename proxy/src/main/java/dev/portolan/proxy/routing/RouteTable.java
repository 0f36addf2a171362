package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The compiled, immutable routing of one port. A request's Host selects the listener (exact hostname, then
 * the longest wildcard, then a listener without hostname), then the route virtual host the same way, then the
 * path index picks the first rule match in Gateway API precedence order. As in Envoy, there is no fall-through
 * to a less specific host once one is selected: if its rules do not match, the answer is no match (404).
 */
public final class RouteTable {
    private final HostIndex<ListenerRoutes> listeners;
    /** The candidates compiled per route object, for {@link #compile(List, Collection)} to reuse later. */
    private final Map<RouteConfig, Candidate[]> compiledRoutes;

    /** The routes of one listener, indexed by route hostname. */
    private record ListenerRoutes(ListenerConfig listener, HostIndex<PathIndex> virtualHosts) {
    }

    private RouteTable(HostIndex<ListenerRoutes> listeners, Map<RouteConfig, Candidate[]> compiledRoutes) {
        this.listeners = listeners;
        this.compiledRoutes = compiledRoutes;
    }

    /**
     * Compiles the listeners that share one port. When two listeners claim the same hostname the first in list
     * order wins (the control plane reports such listeners as Conflicted).
     */
    public static RouteTable compile(List<ListenerConfig> listenersOnPort) {
        return compile(listenersOnPort, List.of());
    }

    /**
     * As {@link #compile(List)}, reusing the compiled rule matches (regexes, conditions) of every route object
     * that one of the {@code previous} tables was compiled from: the control plane hands the same objects for
     * unchanged routes, and they are immutable, so the result is the same as compiling them again.
     */
    public static RouteTable compile(List<ListenerConfig> listenersOnPort, Collection<RouteTable> previous) {
        HostIndex.Builder<ListenerConfig> byHost = new HostIndex.Builder<>();
        int routes = 0;
        for (ListenerConfig listener : listenersOnPort) {
            routes += listener.routes().size();
            if (!byHost.has(listener.hostname())) {
                byHost.entry(listener.hostname(), p -> listener);
            }
        }
        Map<RouteConfig, Candidate[]> compiled = new IdentityHashMap<>(routes);
        return new RouteTable(byHost.build(l -> new ListenerRoutes(l, compileListener(l, previous, compiled))),
                Collections.unmodifiableMap(compiled));
    }

    /** One table per port of a gateway, ordered by port. */
    public static Map<Integer, RouteTable> compilePorts(GatewayConfig gateway) {
        Map<Integer, List<ListenerConfig>> byPort = new TreeMap<>();
        for (ListenerConfig listener : gateway.listeners()) {
            byPort.computeIfAbsent(listener.port(), p -> new ArrayList<>()).add(listener);
        }
        Map<Integer, RouteTable> tables = new TreeMap<>();
        byPort.forEach((port, listeners) -> tables.put(port, compile(listeners)));
        return tables;
    }

    /** Indexes the listener's routes by hostname; adds their candidates to {@code compiled}. */
    private static HostIndex<PathIndex> compileListener(ListenerConfig listener, Collection<RouteTable> previous,
                                                        Map<RouteConfig, Candidate[]> compiled) {
        HostIndex.Builder<List<Candidate>> byHost = new HostIndex.Builder<>();
        List<RouteConfig> routes = listener.routes();
        // indexed loops: per route, the lists' iterators were a good part of a recompile's garbage
        for (int r = 0; r < routes.size(); r++) {
            RouteConfig route = routes.get(r);
            Candidate[] candidates = candidates(listener, route, previous, compiled);
            List<String> hostnames = route.hostnames();
            if (hostnames.isEmpty()) {
                Collections.addAll(byHost.entry(null, p -> new ArrayList<>(2)), candidates);
            }
            for (int h = 0; h < hostnames.size(); h++) {
                // most virtual hosts hold one route of one or two rule matches
                Collections.addAll(byHost.entry(hostnames.get(h), p -> new ArrayList<>(2)), candidates);
            }
        }
        return byHost.build(PathIndex::of);
    }

    /** The candidates as {@code listener} would compile them (the array itself when they are already its own). */
    private static Candidate[] of(Candidate[] compiled, ListenerConfig listener) {
        Candidate[] out = compiled;
        for (int i = 0; i < compiled.length; i++) {
            Candidate c = compiled[i].of(listener);
            if (c != compiled[i]) {
                if (out == compiled) {
                    out = compiled.clone();
                }
                out[i] = c;
            }
        }
        return out;
    }

    /**
     * The route's candidates for this listener: reused when this compile (another listener of the port holds the same
     * object) or a previous table compiled this route object, else compiled; recorded in {@code compiled}.
     */
    private static Candidate[] candidates(ListenerConfig listener, RouteConfig route, Collection<RouteTable> previous,
                                          Map<RouteConfig, Candidate[]> compiled) {
        Candidate[] out = candidates(listener, route, previous, compiled.get(route));
        compiled.put(route, out);
        return out;
    }

    private static Candidate[] candidates(ListenerConfig listener, RouteConfig route, Collection<RouteTable> previous,
                                          Candidate[] compiledNow) {
        if (compiledNow != null) {
            return of(compiledNow, listener);
        }
        for (RouteTable table : previous) {
            Candidate[] before = table.compiledRoutes.get(route);
            if (before != null) {
                return of(before, listener);
            }
        }
        int count = 0;
        for (RuleConfig rule : route.rules()) {
            count += rule.matches().isEmpty() ? 1 : rule.matches().size();
        }
        Candidate[] out = new Candidate[count];
        int n = 0;
        for (RuleConfig rule : route.rules()) {
            List<MatchConfig> matches = rule.matches().isEmpty() ? List.of(MatchConfig.any()) : rule.matches();
            for (int i = 0; i < matches.size(); i++) {
                out[n++] = new Candidate(listener, route, rule, i, matches.get(i));
            }
        }
        return out;
    }

    /** The candidates compiled for a route object of this port, or null (for tests). */
    Candidate[] compiledFor(RouteConfig route) {
        return compiledRoutes.get(route);
    }

    /**
     * The listener of this port that accepts a host (exact, longest wildcard, catch-all), or null. The HTTPS
     * side uses it to compare the listener chosen by SNI with the one chosen by the Host header.
     */
    public ListenerConfig listenerFor(String host) {
        HostIndex.Hit<ListenerRoutes> hit = listeners.find(HostNames.normalize(host));
        return hit == null ? null : hit.value().listener();
    }

    public Optional<RouteMatch> match(RouteRequest request) {
        HostIndex.Hit<ListenerRoutes> listener = listeners.find(request.host());
        if (listener == null) {
            return Optional.empty();
        }
        HostIndex.Hit<PathIndex> virtualHost = listener.value().virtualHosts().find(request.host());
        if (virtualHost == null) {
            return Optional.empty();
        }
        Candidate winner = virtualHost.value().find(request);
        return winner == null ? Optional.empty() : Optional.of(winner.result);
    }

    public Optional<RouteMatch> match(
            String host, String method, String path, Map<String, List<String>> headers, String rawQuery) {
        return match(RouteRequest.of(host, method, path, headers, rawQuery));
    }

    /**
     * Explains the routing of a request: the winner plus up to {@code limit} non-matching rule matches of the
     * selected virtual host, fewest failed conditions first, then in precedence order. Linear in the rules of
     * that host; meant for tracing, not for the request path.
     */
    public Explanation explain(RouteRequest request, int limit) {
        HostIndex.Hit<ListenerRoutes> listener = listeners.find(request.host());
        if (listener == null) {
            return new Explanation(null, null, "no listener on this port accepts host '" + request.host() + "'",
                    Optional.empty(), List.of());
        }
        String listenerName = listener.value().listener().name();
        HostIndex.Hit<PathIndex> virtualHost = listener.value().virtualHosts().find(request.host());
        if (virtualHost == null) {
            return new Explanation(listenerName, null, "no route of listener " + listenerName + " accepts host '"
                    + request.host() + "'", Optional.empty(), List.of());
        }
        Candidate winner = virtualHost.value().find(request);
        List<RuleMiss> misses = new ArrayList<>();
        for (Candidate c : virtualHost.value().all()) {
            List<String> reasons = c.misses(request);
            if (!reasons.isEmpty()) {
                misses.add(new RuleMiss(c.result.route().key(), c.result.rule().index(), c.result.matchIndex(), reasons));
            }
        }
        // Stable sort keeps precedence order among misses with the same number of failed conditions.
        misses.sort(Comparator.comparingInt(m -> m.reasons().size()));
        String hostPattern = virtualHost.pattern() == null ? "*" : virtualHost.pattern();
        return new Explanation(listenerName, hostPattern, null,
                winner == null ? Optional.empty() : Optional.of(winner.result),
                misses.subList(0, Math.min(limit, misses.size())));
    }
}
