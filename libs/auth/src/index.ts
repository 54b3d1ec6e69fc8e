export { AuthModule } from './auth.module.js';
export { AuthService, type AccessTokenClaims, type LoginResult } from './auth.service.js';
export { JwtStrategy } from './jwt.strategy.js';
export { LOGIN_WINDOW_SECONDS, LoginThrottle, MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES } from './login-throttle.js';
export { MIN_PASSWORD_LENGTH, passwordProblems } from './password-policy.js';
export { decoyHash, hashPassword, verifyPassword } from './passwords.js';
export { ROLES, STAFF_ROLES, isRole, type Role } from './roles.js';
export { UsersService, normaliseEmail, type NewUser, type UserChanges, type UserPage } from './users.service.js';
