// Placeholder entry point; replaced by the real CLI on the main branch.
return 0;
