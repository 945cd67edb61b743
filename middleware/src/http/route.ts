/** One route definition drives both Express registration and the OpenAPI document. */
import type { Request, Response } from 'express';
import type { z } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteInput<P, Q, B> {
    params: P;
    query: Q;
    body: B;
    req: Request;
    res: Response;
}

export interface RouteDef<
    P extends z.ZodType = z.ZodType,
    Q extends z.ZodType = z.ZodType,
    B extends z.ZodType = z.ZodType
> {
    method: Method;
    /** Express path, e.g. '/v1/clients/:clientId/address'. */
    path: string;
    summary: string;
    tag: string;
    params?: P;
    query?: Q;
    body?: B;
    /** Success responses: status → schema. */
    responses: Record<number, { description: string; schema: z.ZodType }>;
    /** Error statuses this route may answer (documented with the Error schema). */
    errors: number[];
    handler: (
        input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>
    ) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;
}

/** Keeps the generic types of a route while storing it in a list. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
    def: RouteDef<P, Q, B>
): RouteDef {
    return def as unknown as RouteDef;
}
