import { hostileInputSuite } from './support/hostile-input-suite.js';

// Hostile JSON input (issue #11), part 2 of 2: two files so that Jest's two workers share the 27,000 cases.
hostileInputSuite(2, 2);
