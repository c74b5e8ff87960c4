import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '../lib/markdown.js';
import { Icon } from './Icon.js';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'strong':
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(n.children)}</em>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'br':
        return <br key={i} />;
      case 'image':
        // External images are blocked by the CSP anyway; show what would be there.
        return (
          <span key={i} className="md-image">
            <Icon name="image" size={14} /> {n.alt || n.src}
          </span>
        );
      case 'link':
        return (
          <a key={i} href={n.href.startsWith('{{') ? '#' : n.href} target="_blank" rel="noopener noreferrer nofollow" title={n.href}>
            {renderInline(n.children)}
          </a>
        );
    }
  });
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const H = `h${Math.min(6, block.level + 1)}` as 'h2';
      return <H key={key}>{renderInline(block.children)}</H>;
    }
    case 'paragraph':
      return <p key={key}>{renderInline(block.children)}</p>;
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'hr':
      return <hr key={key} />;
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{item.length === 1 && item[0]!.type === 'paragraph' ? renderInline(item[0]!.children) : item.map(renderBlock)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table':
      return (
        <table key={key}>
          <thead>
            <tr>
              {block.header.map((cell, i) => (
                <th key={i} className={block.align[i] ? `align-${block.align[i]}` : undefined}>
                  {renderInline(cell)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} className={block.align[i] ? `align-${block.align[i]}` : undefined}>
                    {renderInline(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** Live preview of an article body: parsed by lib/markdown and rendered as React elements only. */
export function MarkdownPreview({ source, lang }: { source: string; lang?: string }) {
  return (
    <div className="markdown" lang={lang}>
      {parseMarkdown(source).map(renderBlock)}
    </div>
  );
}
