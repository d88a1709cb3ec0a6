// Placeholder entry until the pledge widget lands (issue: the embeddable pledge widget).
export {};
