import { useState } from 'react';
import { certStatus } from '../../../../shared/domain/expiry';
import type { ExpiryThresholds } from '../../../../shared/domain/types';
import { DateTime, StatusPill } from '../../components';
import type { TreeNode } from '../../store/selectors';
import { profileLabel } from '../../components/format';

/** A CA with more direct children than this starts collapsed, so a 10,000-leaf CA does not render at once. */
const AUTO_EXPAND_LIMIT = 100;

export interface HierarchyTreeProps {
  nodes: readonly TreeNode[];
  now: Date;
  thresholds: ExpiryThresholds;
  onOpen: (id: string) => void;
}

function NodeRow({
  node,
  props,
  toggle,
}: {
  node: TreeNode;
  props: HierarchyTreeProps;
  toggle?: React.JSX.Element;
}): React.JSX.Element {
  const { cert, children } = node;
  return (
    <span className="tree-node">
      {toggle ?? <span className="tree-toggle-space" aria-hidden="true" />}
      {cert.kind === 'ca' && <span className="kind-tag">CA</span>}
      <button
        type="button"
        className="btn btn-ghost"
        data-cert-id={cert.id}
        onClick={() => props.onOpen(cert.id)}
      >
        {cert.cn}
      </button>
      <StatusPill status={certStatus(cert, props.now, props.thresholds)} />
      <span className="muted">
        {profileLabel(cert.profile)} · until <DateTime iso={cert.notAfter} dateOnly />
        {children.length > 0 && ` · ${children.length} issued`}
      </span>
    </span>
  );
}

function Node({ node, props }: { node: TreeNode; props: HierarchyTreeProps }): React.JSX.Element {
  if (node.children.length === 0) {
    return (
      <li className="tree-item">
        <NodeRow node={node} props={props} />
      </li>
    );
  }
  return <Branch node={node} props={props} />;
}

/**
 * The expand toggle is its own button beside the name (a name button inside a <summary> would nest one
 * control in another). Children of a closed branch are not rendered, so a collapsed 10,000-leaf CA costs one row.
 */
function Branch({ node, props }: { node: TreeNode; props: HierarchyTreeProps }): React.JSX.Element {
  const [open, setOpen] = useState(node.children.length <= AUTO_EXPAND_LIMIT);
  const toggle = (
    <button
      type="button"
      className="tree-toggle"
      aria-expanded={open}
      aria-label={`Certificates issued by ${node.cert.cn}`}
      onClick={() => setOpen(!open)}
    >
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
    </button>
  );
  return (
    <li className="tree-item">
      <NodeRow node={node} props={props} toggle={toggle} />
      {open && (
        <ul className="tree">
          {node.children.map((c) => (
            <Node key={c.cert.id} node={c} props={props} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function HierarchyTree(props: HierarchyTreeProps): React.JSX.Element {
  return (
    <div className="panel">
      <ul aria-label="Certificate hierarchy" className="tree">
        {props.nodes.map((n) => (
          <Node key={n.cert.id} node={n} props={props} />
        ))}
      </ul>
    </div>
  );
}
