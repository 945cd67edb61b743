/** zod → VALIDATION_FAILED with details.issues [{ path, message }]. */
import type { z } from 'zod';
import { AppError } from '../domain/errors';

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
    return error.issues.slice(0, 50).map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message
    }));
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where?: string): z.output<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issues = issuesOf(result.error).map((i) => ({
        path: where ? [where, i.path].filter(Boolean).join('.') : i.path,
        message: i.message
    }));
    throw new AppError('VALIDATION_FAILED', undefined, { issues });
}
