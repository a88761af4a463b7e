//! The dependency graph between indicators: topological order, and a cycle reported as its path.

use std::collections::BTreeMap;

/// Order `deps` (node → the nodes it reads) so that every node comes after what it reads.
/// On a cycle, returns the cycle as a path that ends where it starts: `a → b → c → a`.
pub fn topo_order(deps: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>, Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark: BTreeMap<&str, Mark> = deps.keys().map(|k| (k.as_str(), Mark::New)).collect();
    let mut order = Vec::with_capacity(deps.len());
    for root in deps.keys() {
        if mark[root.as_str()] != Mark::New {
            continue;
        }
        // Iterative DFS keeps deep catalogues off the call stack.
        let mut stack: Vec<(&str, usize)> = vec![(root.as_str(), 0)];
        mark.insert(root.as_str(), Mark::Open);
        while let Some((node, i)) = stack.pop() {
            let next = deps[node].get(i).map(String::as_str);
            match next {
                Some(child) if deps.contains_key(child) => {
                    stack.push((node, i + 1));
                    match mark[child] {
                        Mark::New => {
                            mark.insert(child, Mark::Open);
                            stack.push((child, 0));
                        }
                        Mark::Open => {
                            let start = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                            let mut path: Vec<String> = stack[start..].iter().map(|(n, _)| n.to_string()).collect();
                            path.push(child.to_string());
                            return Err(path);
                        }
                        Mark::Done => {}
                    }
                }
                Some(_) => stack.push((node, i + 1)),
                None => {
                    mark.insert(node, Mark::Done);
                    order.push(node.to_string());
                }
            }
        }
    }
    Ok(order)
}

/// Nodes grouped by depth: every node of level k reads only nodes of levels < k.
pub fn levels(deps: &BTreeMap<String, Vec<String>>, order: &[String]) -> Vec<Vec<String>> {
    let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
    for n in order {
        let d = deps[n]
            .iter()
            .filter_map(|c| depth.get(c.as_str()))
            .map(|d| d + 1)
            .max()
            .unwrap_or(0);
        depth.insert(n, d);
    }
    let max = depth.values().copied().max().map(|m| m + 1).unwrap_or(0);
    let mut out = vec![Vec::new(); max];
    for n in order {
        out[depth[n.as_str()]].push(n.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(edges: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        edges
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn orders_dependencies_first() {
        let deps = g(&[("c", &["b"]), ("b", &["a"]), ("a", &[]), ("d", &["x_series"])]);
        let order = topo_order(&deps).unwrap();
        let pos = |n: &str| order.iter().position(|x| x == n).unwrap();
        assert!(pos("a") < pos("b") && pos("b") < pos("c"));
        let lv = levels(&deps, &order);
        assert_eq!(lv[0], vec!["a", "d"]);
        assert_eq!(lv[2], vec!["c"]);
    }

    #[test]
    fn reports_the_cycle_path() {
        let deps = g(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])]);
        assert_eq!(topo_order(&deps).unwrap_err(), vec!["a", "b", "c", "a"]);
    }
}
