export const prerender = true;
export const ssr = false;
// Pages are written as folder/index.html, which every static host serves for /folder/ without configuration.
export const trailingSlash = 'always';
