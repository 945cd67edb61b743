// @salesforce/community/basePath: the site's path prefix; the tests run as a site at the root.
export default '';
